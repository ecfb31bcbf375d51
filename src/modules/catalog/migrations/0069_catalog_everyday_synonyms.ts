import type { Kysely } from 'kysely';
import { loadSynonymEdition } from './0036_catalog_default_synonyms.ts';

/**
 * The fifth edition of the default search synonyms (issue 12): everyday words for what catalogs
 * name formally ("doctor appointment", "business registration", "ID"), ministries by the names other
 * countries give them («الشؤون الاجتماعية» beside «التنمية الاجتماعية», "Ministry of Manpower" beside
 * «وزارة العمل»), and the no-criminal-record paper by its names across countries («عدم محكومية»,
 * «لا حكم عليه», «صحيفة الحالة الجنائية», "police clearance"), from
 * src/platform/search/lexicon/synonyms.everyday.txt. Loaded once, like the earlier editions (0036,
 * 0042, 0064, 0068); the groups an installation edited or deleted are untouched.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await loadSynonymEdition(db, 'synonyms.everyday.txt');
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
