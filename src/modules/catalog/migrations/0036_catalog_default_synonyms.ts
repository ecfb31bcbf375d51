import type { Kysely } from 'kysely';
import { defaultSynonymGroups, type SynonymEdition } from '../../../platform/search/lexicon.ts';

/**
 * The default search synonyms (issue 12): everyday names of documents, Arabic spellings of foreign
 * words, the popular names of national platforms and Gulf usage, from
 * src/platform/search/lexicon/synonyms.sa.txt. As a migration they are loaded exactly once, on a
 * fresh installation or on the upgrade to this version; from then on they are ordinary groups that
 * administrators edit and delete at /console/synonyms, and a deleted group never comes back. A
 * group an installation already holds (the same members in any order) is not added twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await loadSynonymEdition(db, 'synonyms.sa.txt');
}

/** Adds one edition's groups that the table does not already hold (the same members in any order). */
export async function loadSynonymEdition(db: Kysely<any>, edition: SynonymEdition): Promise<void> {
  const key = (terms: string[]) => JSON.stringify([...terms].sort());
  const existing = new Set(
    (await db.selectFrom('search_synonyms').select('terms_json').execute()).map((r) => key(JSON.parse(r.terms_json) as string[])),
  );
  const now = new Date().toISOString();
  const rows = defaultSynonymGroups(edition)
    .filter((terms) => !existing.has(key(terms)))
    .map((terms) => ({ terms_json: JSON.stringify(terms), created_at: now, updated_at: now }));
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('search_synonyms')
      .values(rows.slice(i, i + 100))
      .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
