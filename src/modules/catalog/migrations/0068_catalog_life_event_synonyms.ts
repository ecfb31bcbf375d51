import type { Kysely } from 'kysely';
import { loadSynonymEdition } from './0036_catalog_default_synonyms.ts';

/**
 * The fourth edition of the default search synonyms (issue 12): life events as people say them —
 * «توفي ابوي», «اتجوزت», «انسرقت سيارتي», «فصلوني» — beside the nouns the catalog names services by
 * (وفاة، زواج، سرقة، بطالة), from src/platform/search/lexicon/synonyms.events.txt. Loaded once, like
 * the earlier editions (0036, 0042, 0064); the groups an installation edited or deleted are untouched.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await loadSynonymEdition(db, 'synonyms.events.txt');
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
