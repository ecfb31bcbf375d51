import { blindSetTests } from '../../../../../test/helpers/blind-set.ts';
import { blind5Queries } from './queries.ts';

/**
 * The fifth blind set (issue 12): a catalog of business, customs, tax and zakat, transport, housing,
 * Hajj and Umrah, livestock, fisheries, environment, tourism, media, sports, endowment and charity
 * services of the UAE (federal, Abu Dhabi, Dubai), Bahrain, Saudi Arabia, Kuwait, Oman, Iraq
 * (including the Kurdistan Region), Sudan, Egypt, Jordan and Morocco, from bodies no earlier set had,
 * with its judged queries, written without reading the engine and committed before its first run.
 * Its first run (2026-12-07, engine as committed at 0513839, search last changed in 9ff10bb) measured
 * recall@5 0.925 (74/80), MRR 0.919, on both engines: that is the blind figure. Every exact, partial
 * (agency names included), words, hamza, plural, typo, prefix, orthography, clitic, stem and generic
 * query was found; the six misses are all synonyms: a Gulf «ابي افتح محل», «ناوي احج», حلال for
 * livestock, a social-media celebrity licence, and French "tirage au sort hajj" and "mouton de
 * l'aid". The floor is one step of 0.025 below the figure. Now seen, it is not to be tuned against.
 */
const BLIND5_FLOOR: number = 0.9;

blindSetTests({
  name: 'fifth',
  countries:
    'Gulf, Iraqi, Sudanese, Egyptian, Jordanian and Moroccan business, customs, tax, transport, housing, Hajj, livestock and other',
  dir: new URL('./', import.meta.url),
  queries: blind5Queries,
  floor: BLIND5_FLOOR,
});
