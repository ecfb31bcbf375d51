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
] as const;
export type Scope = (typeof apiScopes)[number];
