import { type Actor, hasAgencyRole, hasRole, isOfficeToken } from '../../platform/auth/actor.ts';
import { isAgencyRole, type Role } from '../../platform/authz/roles.ts';

/** Who may do what with agencies, people and tokens. Services call these on their first line. */
export const identityPolicy = {
  /** Create agencies, change names, kinds, hierarchy and status: the program administrator, or the office's own token with agency:write. */
  manageAgencies: (a: Actor) => hasRole(a, 'program_admin') || isOfficeToken(a, 'agency:write'),
  /** Change how an agency is reached: the program office, or that agency's own administrator or token. */
  editAgencyContact: (a: Actor, agencyId: number) =>
    identityPolicy.manageAgencies(a) ||
    hasAgencyRole(a, agencyId, 'agency_admin') ||
    (a.kind === 'token' && a.agencyId === agencyId && a.scopes.includes('agency:write')),
  /** See the list of people: the program office sees all, an agency administrator their own staff. */
  listUsers: (a: Actor) => hasRole(a, 'program_admin', 'agency_admin'),
  /** Grant or remove a role: agency administrators only agency roles in their own agency. */
  grantRole: (a: Actor, role: Role, agencyId: number | null) =>
    hasRole(a, 'program_admin') || (isAgencyRole(role) && agencyId !== null && hasAgencyRole(a, agencyId, 'agency_admin')),
  /** Manage a person (deactivate, send a reset link): the program office, or the admin of every agency they belong to. */
  manageUser: (a: Actor, userAgencyIds: number[], userHasProgramRole: boolean) =>
    hasRole(a, 'program_admin') ||
    (!userHasProgramRole && userAgencyIds.length > 0 && userAgencyIds.every((id) => hasAgencyRole(a, id, 'agency_admin'))),
  /** The program office's own tokens (no agency; they act across agencies): program administrators only. */
  manageOfficeTokens: (a: Actor) => hasRole(a, 'program_admin'),
  manageTokens: (a: Actor, agencyId: number) => hasRole(a, 'program_admin') || hasAgencyRole(a, agencyId, 'agency_admin'),
};
