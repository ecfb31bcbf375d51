import type { Kysely, Transaction } from 'kysely';
import type { modules } from './modules.ts';
import type { AuthTables } from './platform/auth/auth.tables.ts';
import type { PlatformTables } from './platform/db/tables.ts';
import type { TablesOf } from './platform/module.ts';

/** Every table of Yusr: the platform's, and each module's as its manifest declares them. */
export type DB = PlatformTables & AuthTables & TablesOf<typeof modules>;

export type Db = Kysely<DB>;
/** A database or a transaction: what every repository function takes. */
export type Executor = Kysely<DB> | Transaction<DB>;
