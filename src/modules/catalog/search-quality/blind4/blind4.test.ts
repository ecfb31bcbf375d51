import { blindSetTests } from '../../../../../test/helpers/blind-set.ts';
import { blind4Queries } from './queries.ts';

/**
 * The fourth blind set (issue 12): a catalog of Somali, Djiboutian and Comorian services, and of
 * municipal, health, education, justice, labour, social-welfare and utility services of Kuwait,
 * Qatar, Oman, Egypt, Jordan, Morocco, Tunisia, Iraq, Lebanon, Algeria, Libya and Palestine that no
 * earlier set had, with its judged queries, written without reading the engine and committed before
 * its first run. First run: not yet run (the floor is set from it).
 */
const BLIND4_FLOOR: number = 0;

blindSetTests({
  name: 'fourth',
  countries: 'Somali, Djiboutian, Comorian and other Arab municipal, health, education, justice, labour, welfare and utility',
  dir: new URL('./', import.meta.url),
  queries: blind4Queries,
  floor: BLIND4_FLOOR,
});
