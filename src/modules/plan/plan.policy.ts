import { type Actor, actorAgencyIds, hasAgencyRole, hasRole } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/authz/roles.ts';

/** Everyone who uses the plan console in some way. */
export const PLAN_ROLES: readonly Role[] = ['program_admin', 'program_reviewer', 'leadership_viewer', 'agency_admin', 'agency_editor'];
export const OFFICE_ROLES: readonly Role[] = ['program_admin', 'program_reviewer'];
export const AGENCY_ROLES: readonly Role[] = ['agency_admin', 'agency_editor'];

const office = (a: Actor) => hasRole(a, 'program_admin', 'program_reviewer');
const staffOf = (a: Actor, agencyId: number, ...roles: Role[]) => a.kind === 'system' || hasAgencyRole(a, agencyId, ...roles);

/** Who may do what in plans. Services call these on their first line; views use them to show actions. */
export const planPolicy = {
  /** Define plans, tracks, the reporting calendar and initiatives; publish them; change a plan's status. */
  administer: (a: Actor) => hasRole(a, 'program_admin'),
  /** Review period reports and corrections, override ratings, see the follow-up dashboard of every plan. */
  review: office,
  /** A plan: the office and leadership see every plan; agency staff the national plans and their agency's own. */
  readPlan: (a: Actor, plan: { owner_agency_id: number | null }) =>
    office(a) ||
    hasRole(a, 'leadership_viewer') ||
    (plan.owner_agency_id === null ? actorAgencyIds(a).length > 0 : staffOf(a, plan.owner_agency_id, 'agency_admin', 'agency_editor')),
  /** An initiative's detail, reports and history: the office, leadership and the owner agency's staff. */
  readInitiative: (a: Actor, agencyId: number) =>
    office(a) || hasRole(a, 'leadership_viewer') || staffOf(a, agencyId, 'agency_admin', 'agency_editor'),
  /** Keep an initiative's milestones and KPIs current: the program administrator and the owner agency's staff. */
  keep: (a: Actor, agencyId: number) => hasRole(a, 'program_admin') || staffOf(a, agencyId, 'agency_admin', 'agency_editor'),
  /** Draft a period report: the owner agency's editors and administrators. */
  draft: (a: Actor, agencyId: number) => staffOf(a, agencyId, 'agency_admin', 'agency_editor'),
  /** Submit a report, or propose a correction to a locked one: the owner agency's administrator only. */
  submit: (a: Actor, agencyId: number) => staffOf(a, agencyId, 'agency_admin'),
  /** An agency's e-transactions committee: the office, leadership and the agency's staff read it. */
  readCommittee: (a: Actor, agencyId: number) =>
    office(a) || hasRole(a, 'leadership_viewer') || staffOf(a, agencyId, 'agency_admin', 'agency_editor'),
  /** Keep the committee (members, meetings, minutes, actions): the agency's administrator. */
  keepCommittee: (a: Actor, agencyId: number) => staffOf(a, agencyId, 'agency_admin'),
  /** The shared national systems list: everyone in the plan console reads it. */
  readSystems: (a: Actor) => a.kind === 'system' || hasRole(a, ...PLAN_ROLES),
  /** Keep the list and its links to catalog services: the program administrator. */
  keepSystems: (a: Actor) => a.kind === 'system' || hasRole(a, 'program_admin'),
};
