import { type Actor, actorAgencyIds, hasAgencyRole, hasRole } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/authz/roles.ts';

/** Agency staff: the people who take employee programmes. */
export const STAFF_ROLES: readonly Role[] = ['agency_admin', 'agency_editor'];
export const OFFICE_ROLES: readonly Role[] = ['program_admin', 'program_reviewer'];
/** Everyone who uses the training console in some way (trainers are any signed-in person named on an offering). */
export const TRAINING_ROLES: readonly Role[] = ['program_admin', 'program_reviewer', 'leadership_viewer', 'agency_admin', 'agency_editor'];

const office = (a: Actor) => hasRole(a, 'program_admin', 'program_reviewer');
const isSystem = (a: Actor) => a.kind === 'system';

/** Who may do what in training. Services call these on their first line; views use them to show actions. */
export const trainingPolicy = {
  /** Define programmes, their question banks, offerings, sessions and trainers; set targets. */
  administer: (a: Actor) => hasRole(a, 'program_admin'),
  /** See every offering's enrolments, the national progress; record a completion with a reason. */
  oversee: office,
  /** The national progress page: the office and leadership. */
  readProgress: (a: Actor) => office(a) || hasRole(a, 'leadership_viewer'),
  /** Enrol oneself for an agency: its staff (an administrator's own request needs no approval). */
  enrolSelf: (a: Actor, agencyId: number) => hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor'),
  /** Approve, reject or nominate the agency's staff, and read their learning records: its administrator. */
  manageAgency: (a: Actor, agencyId: number) => isSystem(a) || hasAgencyRole(a, agencyId, 'agency_admin'),
  /** Mark attendance: the office or a trainer named on the offering. */
  markAttendance: (a: Actor, trainerIds: readonly number[]) =>
    isSystem(a) || hasRole(a, 'program_admin', 'program_reviewer') || (a.kind === 'user' && trainerIds.includes(a.id)),
  /** An enrolment: its person, their agency's administrator, the office, the offering's trainers. */
  readEnrolment: (a: Actor, e: { user_id: number; agency_id: number }, trainerIds: readonly number[]) =>
    isSystem(a) ||
    office(a) ||
    (a.kind === 'user' && (a.id === e.user_id || trainerIds.includes(a.id))) ||
    hasAgencyRole(a, e.agency_id, 'agency_admin'),
  /** Cancel an enrolment: its person, their agency's administrator, the program administrator. */
  cancel: (a: Actor, e: { user_id: number; agency_id: number }) =>
    isSystem(a) ||
    hasRole(a, 'program_admin') ||
    (a.kind === 'user' && a.id === e.user_id) ||
    hasAgencyRole(a, e.agency_id, 'agency_admin'),
  /** The agencies whose staff an actor administers. */
  administeredAgencies: (a: Actor) => actorAgencyIds(a).filter((id) => hasAgencyRole(a, id, 'agency_admin')),
};
