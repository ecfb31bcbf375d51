import { type Actor, hasAgencyRole, hasRole } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/authz/roles.ts';

/** Everyone who uses the consultations console: the program office and agency staff. */
export const PARTICIPATE_ROLES: readonly Role[] = ['program_admin', 'program_reviewer', 'agency_admin', 'agency_editor'];

const office = (a: Actor) => hasRole(a, 'program_admin', 'program_reviewer');
const staffOf = (a: Actor, agencyId: number, ...roles: Role[]) => a.kind === 'system' || hasAgencyRole(a, agencyId, ...roles);

/** Who may do what with consultations. Services call these on their first line; views use them to show actions. */
export const participatePolicy = {
  /** A consultation in the console, with its participants' names and addresses: the office and the agency's staff. */
  read: (a: Actor, agencyId: number) => office(a) || staffOf(a, agencyId, 'agency_admin', 'agency_editor'),
  /** Draft a consultation and edit it while it is a draft: the agency's editors and administrators. */
  draft: (a: Actor, agencyId: number) => staffOf(a, agencyId, 'agency_admin', 'agency_editor'),
  /** Publish it, and mark it complete with its report: the agency's administrator only. */
  publish: (a: Actor, agencyId: number) => staffOf(a, agencyId, 'agency_admin'),
  /** Answer comments (a disposition with a reason) and set the final text: the agency's editors and administrators. */
  dispose: (a: Actor, agencyId: number) => staffOf(a, agencyId, 'agency_admin', 'agency_editor'),
  /** Hide, restore or remove a comment, with a reason its author sees: the agency's administrator and the program administrator. */
  moderate: (a: Actor, agencyId: number) => staffOf(a, agencyId, 'agency_admin') || hasRole(a, 'program_admin'),
};
