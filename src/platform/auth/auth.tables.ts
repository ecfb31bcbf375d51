import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../db/tables.ts';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  locale: 'ar' | 'en';
  password_hash: string | null;
  status: 'invited' | 'active' | 'deactivated';
  failed_logins: number;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  agency_id: number | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface UserTokensTable {
  id: Generated<number>;
  user_id: number;
  purpose: 'invite' | 'reset' | 'unlock';
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  /** Null: the program office's own token (migration 0060). */
  agency_id: number | null;
  name: string;
  prefix: string;
  token_hash: string;
  scopes: string;
  created_by: number | null;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked: Flag;
}

export interface AuthTables {
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  api_tokens: ApiTokensTable;
}
