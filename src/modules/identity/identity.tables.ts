import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/tables.ts';

export const agencyKinds = ['ministry', 'authority', 'municipality', 'semi_government', 'other'] as const;
export type AgencyKind = (typeof agencyKinds)[number];

export interface AgenciesTable {
  id: Generated<number>;
  code: string;
  name_ar: string;
  name_en: string;
  kind: AgencyKind;
  parent_id: number | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  address_ar: string | null;
  address_en: string | null;
  status: 'active' | 'inactive';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IdentityTables {
  agencies: AgenciesTable;
}
