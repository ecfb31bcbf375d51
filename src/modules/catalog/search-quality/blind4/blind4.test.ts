import { blindSetTests } from '../../../../../test/helpers/blind-set.ts';
import { blind4Queries } from './queries.ts';

/**
 * The fourth blind set (issue 12): a catalog of Somali, Djiboutian and Comorian services, and of
 * municipal, health, education, justice, labour, social-welfare and utility services of Kuwait,
 * Qatar, Oman, Egypt, Jordan, Morocco, Tunisia, Iraq, Lebanon, Algeria, Libya and Palestine that no
 * earlier set had, with its judged queries, written without reading the engine and committed before
 * its first run. Its first run (2026-12-07, engine as committed at c251b96, search last changed in
 * 22c1b04) measured recall@5 0.925 (74/80), MRR 0.887: that is the blind figure. The misses were two
 * French loanwords in Arabic letters (الكازي جوديسيير, الشوماج), French without accent or with a
 * word not in the text (acte de deces, compteur prépayé), a Gulf life-event sentence and "doctor
 * appointment". The French vocabulary and loanword lexicon (3b40986..677131c), written for the third
 * set's misses by someone who never opened this folder, then measured 0.963 (77/80) here on both
 * engines: the set was blind to that work, so this is how far it generalised. The floor is 0.95, the
 * figure rounded down to 0.025. The life-event edition (synonyms.events.txt, 0068) was then written
 * because of its two life-event misses, giving 0.988 (79/80): a tuned figure, so the floor stays. Now seen, it is not to be tuned against; the next round needs a
 * newer blind set.
 */
const BLIND4_FLOOR: number = 0.95;

blindSetTests({
  name: 'fourth',
  countries: 'Somali, Djiboutian, Comorian and other Arab municipal, health, education, justice, labour, welfare and utility',
  dir: new URL('./', import.meta.url),
  queries: blind4Queries,
  floor: BLIND4_FLOOR,
});
