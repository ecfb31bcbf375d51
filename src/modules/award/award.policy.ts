import { type Actor, actorAgencyIds, hasAgencyRole, hasRole } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/authz/roles.ts';

/** Everyone who uses the award console in some way. */
export const AWARD_ROLES: readonly Role[] = ['program_admin', 'program_reviewer', 'agency_admin', 'agency_editor', 'judge'];
export const OFFICE_ROLES: readonly Role[] = ['program_admin', 'program_reviewer'];

const office = (a: Actor) => hasRole(a, 'program_admin', 'program_reviewer');
const userId = (a: Actor) => (a.kind === 'user' ? a.id : null);

/** Who may do what in the award. Services call these first; views use them to show actions. */
export const awardPolicy = {
  /** Create editions and branches, extend a deadline, seat judges, approve decisions, publish results. */
  administer: (a: Actor) => hasRole(a, 'program_admin'),
  /** Screen nominations, add conflicts, assign judges, see every score, propose decisions. */
  office,
  /** Nominate and withdraw: the nominating agency's administrators (an individual's nomination is its entrant's, by their email). */
  nominate: (a: Actor, agencyId: number | null) => agencyId !== null && (a.kind === 'system' || hasAgencyRole(a, agencyId, 'agency_admin')),
  /** See an agency's own nominations (drafts included) and their screening: its administrators and editors. */
  readOwn: (a: Actor, agencyId: number | null) => agencyId !== null && hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor'),
  /** Agencies the actor nominates for. */
  nominatingAgencies: (a: Actor) => actorAgencyIds(a).filter((id) => hasAgencyRole(a, id, 'agency_admin')),
  /** A judge: the role (a seat on an edition's panel is checked by the service). */
  judge: (a: Actor) => hasRole(a, 'judge') && userId(a) !== null,
  userId,
};
