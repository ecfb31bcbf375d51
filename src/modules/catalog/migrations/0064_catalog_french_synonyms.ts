import type { Kysely } from 'kysely';
import { loadSynonymEdition } from './0036_catalog_default_synonyms.ts';

/**
 * The third edition of the default search synonyms (issue 12): the French words of the Maghreb,
 * Mauritania, Lebanon, Djibouti and the Comoros for government services («permis de conduire»,
 * «carte grise», «casier judiciaire», «extrait de naissance»), the same words in Arabic letters
 * («البرمي», «الكارت جريز», «الكازي») and the Arabic names those countries' catalogs give the
 * services, from src/platform/search/lexicon/synonyms.fr.txt. Loaded once, like the first two
 * editions (0036, 0042); the groups an installation edited or deleted are untouched.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await loadSynonymEdition(db, 'synonyms.fr.txt');
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
