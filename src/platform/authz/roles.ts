import type { MessageKey } from '../../messages.ts';

export const roles = [
  'program_admin',
  'program_reviewer',
  'agency_admin',
  'agency_editor',
  'judge',
  'advisor',
  'leadership_viewer',
] as const;
export type Role = (typeof roles)[number];

/** Roles that tie a person to one agency; the others act across the whole program. */
export const agencyRoles: readonly Role[] = ['agency_admin', 'agency_editor'];
export const isAgencyRole = (role: Role) => agencyRoles.includes(role);

/** What an agency's API token may be allowed to do. */
export const apiScopes = [
  'agency:read',
  'agency:write',
  'services:read',
  'services:write',
  'services:publish',
  'announcements:write',
  'announcements:publish',
  'advisory:read',
  'advisory:write',
] as const;
export type Scope = (typeof apiScopes)[number];

/** Each role's name in the catalogs, written out so no key is built at run time. */
export const roleLabel = {
  program_admin: 'role.program_admin',
  program_reviewer: 'role.program_reviewer',
  agency_admin: 'role.agency_admin',
  agency_editor: 'role.agency_editor',
  judge: 'role.judge',
  advisor: 'role.advisor',
  leadership_viewer: 'role.leadership_viewer',
} as const satisfies Record<Role, MessageKey>;

/** What each API scope allows, in the catalogs. */
export const scopeLabel = {
  'agency:read': 'scope.agency:read',
  'agency:write': 'scope.agency:write',
  'services:read': 'scope.services:read',
  'services:write': 'scope.services:write',
  'services:publish': 'scope.services:publish',
  'announcements:write': 'scope.announcements:write',
  'announcements:publish': 'scope.announcements:publish',
  'advisory:read': 'scope.advisory:read',
  'advisory:write': 'scope.advisory:write',
} as const satisfies Record<Scope, MessageKey>;
