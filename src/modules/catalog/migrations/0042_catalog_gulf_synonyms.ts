import type { Kysely } from 'kysely';
import { loadSynonymEdition } from './0036_catalog_default_synonyms.ts';

/**
 * The second edition of the default search synonyms (issue 12): the other Gulf states' wording
 * («إذن دخول» for a visa, «رخصة تجارية», «إعلام وراثة»), Levantine and MSA names, and everyday words
 * for what a service names formally, from src/platform/search/lexicon/synonyms.gulf.txt. Loaded
 * once, like the first edition (0036); the groups an installation edited or deleted are untouched.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await loadSynonymEdition(db, 'synonyms.gulf.txt');
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
