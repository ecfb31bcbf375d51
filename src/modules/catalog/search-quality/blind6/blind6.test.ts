import { blindSetTests } from '../../../../../test/helpers/blind-set.ts';
import { blind6Queries } from './queries.ts';

/**
 * The sixth blind set (issue 12): a catalog of civil status, passport, identity, health, education,
 * labour, municipal, notary and court, social support, pension, disability, traffic, utility,
 * telecom, customs, agriculture, environment and consular services of Qatar, Libya, Tunisia,
 * Algeria, Lebanon, Palestine, Yemen, Syria, Mauritania, Kuwait, Sharjah and Ras Al Khaimah, from
 * bodies no earlier set had, with its judged queries, written without reading the engine and
 * committed before its first run. The first run (2026-12-08, both engines) found 79 of 83, recall@5
 * 0.952: that is the blind figure; the floor sits just under it.
 */
const BLIND6_FLOOR = 0.93;

blindSetTests({
  name: 'sixth',
  countries:
    'Qatari, Libyan, Tunisian, Algerian, Lebanese, Palestinian, Yemeni, Syrian, Mauritanian and other Gulf civil status, health, social and other',
  dir: new URL('./', import.meta.url),
  queries: blind6Queries,
  floor: BLIND6_FLOOR,
});
