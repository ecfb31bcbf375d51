import type { MessageKey } from '../../messages.ts';
import type { Agency, User } from './identity.repo.ts';
import type { AgencyKind } from './identity.tables.ts';

/** Each agency kind's name in the catalogs, written out so no key is built at run time. */
export const agencyKindLabel = {
  ministry: 'agency_kind.ministry',
  authority: 'agency_kind.authority',
  municipality: 'agency_kind.municipality',
  semi_government: 'agency_kind.semi_government',
  other: 'agency_kind.other',
} as const satisfies Record<AgencyKind, MessageKey>;

/** A person's account state. */
export const userStatusLabel = {
  invited: 'user_status.invited',
  active: 'user_status.active',
  deactivated: 'user_status.deactivated',
} as const satisfies Record<User['status'], MessageKey>;

/** Whether an agency is active. */
export const agencyStatusLabel = {
  active: 'agency_status.active',
  inactive: 'agency_status.inactive',
} as const satisfies Record<Agency['status'], MessageKey>;
