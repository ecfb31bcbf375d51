import type { Kysely, Transaction } from 'kysely';
import type { CatalogTables } from './modules/catalog/catalog.tables.ts';
import type { FeedbackTables } from './modules/feedback/feedback.tables.ts';
import type { IdentityTables } from './modules/identity/identity.tables.ts';
import type { MeasureTables } from './modules/measure/measure.tables.ts';
import type { NotifyTables } from './modules/notify/notify.tables.ts';
import type { AuthTables } from './platform/auth/auth.tables.ts';
import type { PlatformTables } from './platform/db/tables.ts';

/** Every table of Yusr; each module declares its own beside its code. */
export interface DB extends PlatformTables, AuthTables, IdentityTables, CatalogTables, FeedbackTables, MeasureTables, NotifyTables {}

export type Db = Kysely<DB>;
/** A database or a transaction: what every repository function takes. */
export type Executor = Kysely<DB> | Transaction<DB>;
