import { blindSetTests } from '../../../../../test/helpers/blind-set.ts';
import { blind3Queries } from './queries.ts';

/**
 * The third blind set (issue 12): a catalog of Algerian, Libyan, Sudanese, Palestinian, Yemeni,
 * Mauritanian and Syrian services and its judged queries, written without reading the engine and
 * committed before its first run. Its first run (the engine as of cbdd695) measured recall@5 0.825
 * (66/80): that is the blind figure. Its misses were read after it: every MSA spelling, hamza,
 * clitic, plural, typo and prefix query was found; the misses were loanwords (French, and French
 * in Arabic letters), colloquial sentences, and Arabic typed in Latin letters. The last is a general
 * gap, and the engine now matches a Latin word it knows in no form against Arabic words by their
 * consonant skeleton (src/platform/search/arabizi.ts), giving 0.875 (70/80). The French gap was
 * then closed as a general capability, not from these queries: French administrative words and
 * their loanwords in Arabic letters (synonyms.fr.txt, loanwords.fr.tsv, borrowed letters folded,
 * French accents, elision and stop words) and the dialects' request words as stop words, giving
 * 0.950 (76/80). Seen since, it is held to BLIND3_FLOOR (that figure less 0.025); the next blind set
 * must be new.
 */
const BLIND3_FLOOR: number = 0.925;

blindSetTests({
  name: 'third',
  countries: 'Algerian, Libyan, Sudanese, Palestinian, Yemeni, Mauritanian and Syrian',
  dir: new URL('./', import.meta.url),
  queries: blind3Queries,
  floor: BLIND3_FLOOR,
});
