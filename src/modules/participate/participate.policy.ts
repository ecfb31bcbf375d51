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
  /** Submit a draft for the program office's approval: the agency's editors and administrators. */
  submit: (a: Actor, agencyId: number) => staffOf(a, agencyId, 'agency_admin', 'agency_editor'),
  /** Approve a submitted draft or return it with a comment: the program office. */
  approve: (a: Actor) => a.kind === 'system' || hasRole(a, 'program_admin', 'program_reviewer'),
  /** See an idea in the console: the office sees every idea; an agency's staff only those addressed to their agency. */
  readIdea: (a: Actor, agencyId: number | null) =>
    office(a) || (agencyId !== null && staffOf(a, agencyId, 'agency_admin', 'agency_editor')),
  /** Set how many supports oblige an official answer to an idea, and within how many days: the program administrator. */
  setRule: (a: Actor) => a.kind === 'system' || hasRole(a, 'program_admin'),
  /** Moderate and answer an idea: its agency's staff, or the office for ideas addressed to the program. */
  answerIdea: (a: Actor, agencyId: number | null) =>
    agencyId === null ? a.kind === 'system' || office(a) : staffOf(a, agencyId, 'agency_admin', 'agency_editor'),
};
