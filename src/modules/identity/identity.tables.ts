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

/** A provider's subject linked to an existing account (0022). */
export interface OidcIdentitiesTable {
  id: Generated<number>;
  user_id: number;
  provider: string;
  subject: string;
  email: string;
  created_at: Timestamp;
  last_sign_in_at: Timestamp | null;
}

/** The provider session (sid, sub) behind a Yusr session, for back-channel logout. */
export interface OidcSessionsTable {
  session_id: string;
  user_id: number;
  provider: string;
  subject: string;
  sid: string | null;
  created_at: Timestamp;
}

/** When a staff account was closed (deactivated); the retention purge erases it a period later. */
export interface AccountClosuresTable {
  user_id: number;
  closed_at: Timestamp;
}

/** An agency whose staff sign in only with one provider. */
export interface AgencySignInTable {
  agency_id: number;
  provider: string;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** An authenticator app's secret (AES-256-GCM under a key derived from SECRET_KEY); confirmed once a code matched. */
export interface TotpFactorsTable {
  user_id: number;
  secret_enc: string;
  confirmed_at: Timestamp | null;
  /** The last 30-second step a code was accepted for: that code and earlier ones are refused. */
  last_step: number | null;
  created_at: Timestamp;
}

export interface TotpRecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

/** An administrator reset the person's authenticator app: they set up a new one at their next sign-in (0027). */
export interface TotpResetsTable {
  user_id: number;
  reset_by: number | null;
  reset_at: Timestamp;
}

export interface IdentityTables {
  agencies: AgenciesTable;
  role_offers: RoleOffersTable;
  oidc_identities: OidcIdentitiesTable;
  oidc_sessions: OidcSessionsTable;
  agency_sign_in: AgencySignInTable;
  totp_factors: TotpFactorsTable;
  totp_recovery_codes: TotpRecoveryCodesTable;
  totp_resets: TotpResetsTable;
  account_closures: AccountClosuresTable;
}
