import { type Actor, hasAgencyRole, hasRole } from '../../platform/auth/actor.ts';
import type { Role, Scope } from '../../platform/authz/roles.ts';

/** Everyone who uses the advisory console in some way. */
export const ADVISORY_ROLES: readonly Role[] = ['program_admin', 'program_reviewer', 'advisor', 'agency_admin', 'agency_editor'];
export const OFFICE_ROLES: readonly Role[] = ['program_admin', 'program_reviewer'];
export const METRICS_ROLES: readonly Role[] = ['program_admin', 'program_reviewer', 'leadership_viewer'];

/** How long after writing it a comment's author may still edit it. */
export const COMMENT_EDIT_WINDOW_MS = 24 * 3_600_000;

const office = (a: Actor) => hasRole(a, 'program_admin', 'program_reviewer');
const staffOf = (a: Actor, agencyId: number, ...roles: Role[]) => a.kind === 'system' || hasAgencyRole(a, agencyId, ...roles);
/** An agency's API token (advisory API): its own agency only, with one of the scopes. */
const tokenOf = (a: Actor, agencyId: number, ...scopes: Scope[]) =>
  a.kind === 'token' && a.agencyId === agencyId && scopes.some((s) => a.scopes.includes(s));

/**
 * Who may do what in advisory. Agency staff see only their agency's requests, advisors only the
 * requests they are assigned to (services check the assignment), the program office all of them.
 */
export const advisoryPolicy = {
  /** Triage (accept, decline, ask for more information), assign advisors, close follow-ups. */
  office,
  /** Keep the advisory team's roster (who is on it and their home agency). */
  manageTeam: (a: Actor) => hasRole(a, 'program_admin'),
  /** Submit a request, answer the office, respond to findings, close with a rating: the agency's administrator. */
  actForAgency: (a: Actor, agencyId: number) => staffOf(a, agencyId, 'agency_admin') || tokenOf(a, agencyId, 'advisory:write'),
  /** Read a request and take part in its discussion: the agency's administrators and editors. */
  agencyStaff: (a: Actor, agencyId: number) =>
    staffOf(a, agencyId, 'agency_admin', 'agency_editor') || tokenOf(a, agencyId, 'advisory:read', 'advisory:write'),
  /** Is an advisor at all (the assignment decides which requests). */
  advisor: (a: Actor) => a.kind === 'user' && a.memberships.some((m) => m.role === 'advisor'),
  /** The metrics page: the office and leadership. */
  metrics: (a: Actor) => hasRole(a, 'program_admin', 'program_reviewer', 'leadership_viewer'),
};
