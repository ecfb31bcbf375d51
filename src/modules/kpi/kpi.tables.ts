import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/tables.ts';

/** The channels a transaction can come through, in the order forms, files and tables list them. */
export const channels = ['web', 'app', 'kiosk', 'call_centre', 'service_centre'] as const;
export type Channel = (typeof channels)[number];

/** How a month's figures arrived. */
export const sources = ['form', 'import', 'api', 'demo'] as const;
export type Source = (typeof sources)[number];

/**
 * One service's figures for one month (YYYY-MM), as last entered: transactions by channel, the
 * online journeys started and completed, and what the service cost that month (null when the
 * agency has not given it) with what that cost includes. A month with no row is missing, not zero.
 */
export interface KpiFiguresTable {
  id: Generated<number>;
  service_id: number;
  agency_id: number;
  month: string;
  web: number;
  app: number;
  kiosk: number;
  call_centre: number;
  service_centre: number;
  started: number;
  completed: number;
  total_cost: number | null;
  cost_includes: string | null;
  /** 1 on first entry, one more on each correction. */
  version: number;
  source: Source;
  updated_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Every version of a month's figures, the first included: what was entered, by whom, how, and why it was corrected. */
export interface KpiFigureVersionsTable {
  id: Generated<number>;
  figure_id: number;
  version: number;
  values_json: string;
  source: Source;
  reason: string | null;
  actor_label: string;
  created_at: Timestamp;
}

/**
 * A file uploaded for import: kept (in storage) between the dry run and the commit, so the commit
 * reads exactly the file the person previewed; only its uploader may commit it, once.
 */
export interface KpiUploadsTable {
  id: Generated<number>;
  storage_key: string;
  file_name: string;
  kind: 'csv' | 'xlsx';
  sha256: string;
  uploaded_by: string;
  created_at: Timestamp;
  committed_at: Timestamp | null;
}

export interface KpiTables {
  kpi_figures: KpiFiguresTable;
  kpi_figure_versions: KpiFigureVersionsTable;
  kpi_uploads: KpiUploadsTable;
}
