import { type Actor, hasAgencyRole, hasRole } from '../../platform/auth/actor.ts';
import type { Scope } from '../../platform/authz/roles.ts';

const token = (a: Actor, agencyId: number, scope: Scope) => a.kind === 'token' && a.agencyId === agencyId && a.scopes.includes(scope);

/**
 * Who may do what with feedback. Cases hold personal data (contact details), so only the agency
 * the case belongs to and the program administrators read them; reviewers and leadership see metrics.
 */
export const feedbackPolicy = {
  /** Read a case, its contact details and attachments. */
  readCase: (a: Actor, agencyId: number) =>
    hasRole(a, 'program_admin') || hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor') || token(a, agencyId, 'agency:read'),
  /** Reply, note, assign, wait, resolve, merge, ask for re-routing. */
  workCase: (a: Actor, agencyId: number) =>
    hasRole(a, 'program_admin') || hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor') || token(a, agencyId, 'agency:write'),
  /** Re-routing a case to another agency needs the program office's approval. */
  decideReroute: (a: Actor) => hasRole(a, 'program_admin'),
  /** SLA policies of an agency: its administrator, or the program office (which also sets the defaults). */
  manageSla: (a: Actor, agencyId: number | null) =>
    hasRole(a, 'program_admin') || (agencyId !== null && hasAgencyRole(a, agencyId, 'agency_admin')),
  /** The working calendar, holidays and the rating questions are the program office's. */
  manageProgram: (a: Actor) => hasRole(a, 'program_admin'),
  /** Reply templates: the staff who answer an agency's cases (administrators and editors) for its own, the program office for every one. */
  manageTemplates: (a: Actor, agencyId: number | null) =>
    hasRole(a, 'program_admin') || (agencyId !== null && hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor')),
  /** Read the comments of an agency's ratings and reply to them in public. */
  readRatings: (a: Actor, agencyId: number) => hasRole(a, 'program_admin') || hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor'),
  replyToRating: (a: Actor, agencyId: number) => hasRole(a, 'program_admin') || hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor'),
  /** Hide an abusive comment (the text is kept and the act audited). */
  moderate: (a: Actor, agencyId: number) => hasRole(a, 'program_admin') || hasAgencyRole(a, agencyId, 'agency_admin'),
  /** Whether the service page shows the CX summary: the agency's choice, which the program office can override. */
  agencySettings: (a: Actor, agencyId: number) => hasRole(a, 'program_admin') || hasAgencyRole(a, agencyId, 'agency_admin'),
  /** Metrics of one agency: its staff and the program office; the nation: the program office, reviewers, leadership. */
  metrics: (a: Actor, agencyId: number | undefined) =>
    hasRole(a, 'program_admin', 'program_reviewer', 'leadership_viewer') ||
    (agencyId !== undefined && hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor')),
};

/** Roles that use the feedback console at all (routes declare these; the policy narrows to the agency). */
export const CASE_ROLES = ['program_admin', 'agency_admin', 'agency_editor'] as const;
export const METRIC_ROLES = ['program_admin', 'program_reviewer', 'leadership_viewer', 'agency_admin', 'agency_editor'] as const;
export const ADMIN_ROLES = ['program_admin', 'agency_admin'] as const;
