import { type Actor, actorAgencyIds, hasAgencyRole, hasRole, isOfficeToken } from '../../platform/auth/actor.ts';
import type { Role, Scope } from '../../platform/authz/roles.ts';
import type { RoundStatus } from './measure.tables.ts';

/** Everyone who uses the measure module in some way. */
export const MEASURE_ROLES: readonly Role[] = ['program_admin', 'program_reviewer', 'leadership_viewer', 'agency_admin', 'agency_editor'];
export const PROGRAM_ROLES: readonly Role[] = ['program_admin', 'program_reviewer'];

const program = (a: Actor) => hasRole(a, 'program_admin', 'program_reviewer');
/** An agency's API token with one of the scopes (the measure API: agency:read reads, agency:write also answers). */
const tokenOf = (a: Actor, agencyId: number, ...scopes: Scope[]) =>
  a.kind === 'token' && a.agencyId === agencyId && scopes.some((s) => a.scopes.includes(s));

/** Who may do what in measurement. Services call these on their first line; views use them to show actions. */
export const measurePolicy = {
  /** Design, import, version and publish frameworks; create, open, close, finalise and publish rounds. */
  administer: (a: Actor) => hasRole(a, 'program_admin'),
  /** Read every framework and round, whatever its state. */
  oversee: program,
  /** Accept, adjust or return answers. */
  review: program,
  /** Save answers and evidence for an agency. */
  answer: (a: Actor, agencyId: number) =>
    hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor') || tokenOf(a, agencyId, 'agency:write'),
  /**
   * The program office's own API token: it sees every round once open and reads every agency's
   * answers (agency:read or agency:write), and with agency:write enters the answers to the questions
   * the office measures itself, on behalf of an agency (as the office's file upload does).
   */
  officeToken: (a: Actor) => isOfficeToken(a, 'agency:read', 'agency:write'),
  answerOnBehalf: (a: Actor) => hasRole(a, 'program_admin') || isOfficeToken(a, 'agency:write'),
  /** Sign off and submit an agency's answers: its administrator only. */
  submit: (a: Actor, agencyId: number) => hasAgencyRole(a, agencyId, 'agency_admin'),
  /** See an agency's answers, evidence and their history: the program office and that agency's staff. */
  readAnswers: (a: Actor, agencyId: number) =>
    program(a) ||
    hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor') ||
    tokenOf(a, agencyId, 'agency:read', 'agency:write') ||
    isOfficeToken(a, 'agency:read', 'agency:write'),
  /**
   * See a round's scores. Before publication only the program office sees them (provisional while
   * open, final once finalised); once published, everyone with a measure role sees the published figures.
   */
  readResults: (a: Actor, status: RoundStatus) =>
    program(a) || (status === 'published' && (hasRole(a, ...MEASURE_ROLES) || a.kind === 'token')),
  /** Question-level detail of a scorecard (what lifted or dragged the score) reveals answers: not for other agencies. */
  readScorecardDetail: (a: Actor, agencyId: number) =>
    program(a) || hasRole(a, 'leadership_viewer') || hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor'),
};

/** The agencies whose rounds the actor takes part in (agency roles only). */
export const ownAgencies = (a: Actor) => actorAgencyIds(a);
