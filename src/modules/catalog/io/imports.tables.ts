import type { Generated } from 'kysely';
import type { Timestamp } from '../../../platform/db/tables.ts';

/** Where an import stands: checked by the worker (dry run), then written by it when asked. */
export type ImportStatus = 'queued' | 'planning' | 'planned' | 'refused' | 'applying' | 'applied' | 'failed';

/** One uploaded import file, its progress in the worker and its report (migration 0009). */
export interface CatalogImportsTable {
  id: Generated<number>;
  /** Who uploaded it; only they follow it. */
  user_id: number | null;
  /** The stored file until it is written or refused; null afterwards. */
  file_key: string | null;
  file_name: string;
  kind: 'csv' | 'xlsx' | 'jsonld';
  status: ImportStatus;
  processed: number;
  total: number | null;
  /** JSON FieldError[]: why the file (not a row) was refused. */
  errors_json: string | null;
  /** JSON PlannedRow[]: the dry run, row by row. */
  report_json: string | null;
  /** JSON counts of the real run. */
  result_json: string | null;
  /** JSON ImportOptions chosen with the dry run (migration 0034); null for older runs. */
  options_json: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
