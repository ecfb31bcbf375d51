import { type Actor, hasAgencyRole, hasRole } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/authz/roles.ts';

/** Everyone who uses the performance pages in the console. */
export const KPI_ROLES: readonly Role[] = ['program_admin', 'program_reviewer', 'leadership_viewer', 'agency_admin', 'agency_editor'];
/** Who sees every agency's figures and the national medians. */
export const NATIONAL_ROLES: readonly Role[] = ['program_admin', 'program_reviewer', 'leadership_viewer'];
/** Who enters and uploads figures (for their agency; the program administrator for any). */
export const WRITE_ROLES: readonly Role[] = ['program_admin', 'agency_admin', 'agency_editor'];

const staffOf = (a: Actor, agencyId: number) => hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor');
const tokenOf = (a: Actor, agencyId: number, scope: 'agency:read' | 'agency:write') =>
  a.kind === 'token' && a.agencyId === agencyId && a.scopes.includes(scope);

/** Who may do what with performance figures. Services call these first; views use them to show actions. */
export const kpiPolicy = {
  /** Every agency's figures and the national medians: the office and leadership. */
  national: (a: Actor) => hasRole(a, ...NATIONAL_ROLES),
  /** One agency's figures: the office, leadership, the agency's staff and its tokens that may read. */
  read: (a: Actor, agencyId: number) =>
    hasRole(a, ...NATIONAL_ROLES) || staffOf(a, agencyId) || tokenOf(a, agencyId, 'agency:read') || tokenOf(a, agencyId, 'agency:write'),
  /** Enter, correct or import an agency's figures: its staff, its tokens that may write, the program administrator. */
  write: (a: Actor, agencyId: number) => hasRole(a, 'program_admin') || staffOf(a, agencyId) || tokenOf(a, agencyId, 'agency:write'),
};
