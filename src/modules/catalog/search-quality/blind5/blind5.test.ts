import { blindSetTests } from '../../../../../test/helpers/blind-set.ts';
import { blind5Queries } from './queries.ts';

/**
 * The fifth blind set (issue 12): a catalog of business, customs, tax and zakat, transport, housing,
 * Hajj and Umrah, livestock, fisheries, environment, tourism, media, sports, endowment and charity
 * services of the UAE (federal, Abu Dhabi, Dubai), Bahrain, Saudi Arabia, Kuwait, Oman, Iraq
 * (including the Kurdistan Region), Sudan, Egypt, Jordan and Morocco, from bodies no earlier set had,
 * with its judged queries, written without reading the engine and committed before its first run.
 */
// Set after the first run: 0 until then, so the set is committed blind and its first figure is recorded as measured.
const BLIND5_FLOOR: number = 0;

blindSetTests({
  name: 'fifth',
  countries:
    'Gulf, Iraqi, Sudanese, Egyptian, Jordanian and Moroccan business, customs, tax, transport, housing, Hajj, livestock and other',
  dir: new URL('./', import.meta.url),
  queries: blind5Queries,
  floor: BLIND5_FLOOR,
});
