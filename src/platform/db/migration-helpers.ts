import type { CreateTableBuilder, Kysely } from 'kysely';
import { dialectOf } from './database.ts';

/** Adds an auto-increment integer primary key the way each engine wants it. */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, any>, name = 'id') {
  return dialectOf(db) === 'postgres'
    ? table.addColumn(name, 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement());
}

export const isPostgres = (db: Kysely<any>) => dialectOf(db) === 'postgres';
