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

/** A role offered to someone the offering administrator does not manage; a membership once accepted. */
export interface RoleOffersTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  agency_id: number | null;
  offered_by: number | null;
  token_hash: string;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  created_at: Timestamp;
}

export interface IdentityTables {
  agencies: AgenciesTable;
  role_offers: RoleOffersTable;
}
