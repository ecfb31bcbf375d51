import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { DB } from '../db.ts';
import type { AppState } from './app-state.ts';
import type { DialectName } from './db/database.ts';
import type { JobRegistry } from './jobs/worker.ts';
import type { Messaging } from './messaging/messaging.ts';
import type { Storage } from './storage/storage.ts';
import type { ExtensionRegistry } from './views/extensions.ts';
import type { NavRegistry } from './views/nav.ts';

/** What services, jobs and routes are given: the database, configuration and shared machinery. */
export interface Deps {
  db: Kysely<DB>;
  dialect: DialectName;
  config: Config;
  log: Logger;
  jobs: JobRegistry;
  messaging: Messaging;
  storage: Storage;
  /** This app's registries and caches (never module globals). */
  nav: NavRegistry;
  extensions: ExtensionRegistry;
  state: AppState;
}
