import { blindSetTests } from '../../../../../test/helpers/blind-set.ts';
import { blind2Queries } from './queries.ts';

/**
 * The second blind set (issue 12): a catalog of Jordanian, Bahraini, Moroccan, Tunisian, Iraqi and
 * Lebanese services and its judged queries, written without reading the engine and committed before
 * its first run. Its first run (the engine as of 1dc9ce2) measured recall@5 0.863 (69/80): that is
 * the blind figure. Its misses were read after it, and two general causes changed — the ways of
 * saying "I want"/"what" in MSA and the dialects («ابغى», «بدي», «شو») became stop words, and a
 * sentence that matches under half of its words gets its weak matches (flagged) instead of
 * nothing — giving 0.938 (75/80). Seen since, it is held to BLIND2_FLOOR; the next blind set must
 * be new.
 */
const BLIND2_FLOOR: number = 0.92;

blindSetTests({
  name: 'second',
  countries: 'Jordanian, Bahraini, Moroccan, Tunisian, Iraqi and Lebanese',
  dir: new URL('./', import.meta.url),
  queries: blind2Queries,
  floor: BLIND2_FLOOR,
});
