import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../../platform/db/tables.ts';

export const planStatuses = ['draft', 'approved', 'active', 'closed'] as const;
export type PlanStatus = (typeof planStatuses)[number];

/**
 * The maker-checker of a period report: the agency's editor drafts, its administrator submits, the
 * program office returns it (with a comment) or accepts it; an accepted report is locked.
 */
export const reportStatuses = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const correctionStatuses = ['proposed', 'accepted', 'rejected'] as const;
export type CorrectionStatus = (typeof correctionStatuses)[number];

export const kpiTypes = ['number', 'percentage', 'yes_no'] as const;
export type KpiType = (typeof kpiTypes)[number];
export const kpiDirections = ['increase', 'decrease'] as const;
export type KpiDirection = (typeof kpiDirections)[number];

/** The five-step delivery confidence scale, best first. */
export const ratings = ['green', 'amber_green', 'amber', 'amber_red', 'red'] as const;
export type Rating = (typeof ratings)[number];

/** A plan: national (no owner agency) or one agency's e-transformation plan. */
export interface PlanPlansTable {
  id: Generated<number>;
  code: string;
  name_ar: string;
  name_en: string;
  owner_agency_id: number | null;
  period_from: string;
  period_to: string;
  status: PlanStatus;
  /** Rating thresholds (JSON, see rollup.ts `Thresholds`). */
  thresholds_json: string;
  published: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanTracksTable {
  id: Generated<number>;
  plan_id: number;
  position: number;
  name_ar: string;
  name_en: string;
  weight: number;
}

export interface PlanInitiativesTable {
  id: Generated<number>;
  plan_id: number;
  track_id: number;
  code: string;
  name_ar: string;
  name_en: string;
  objective_ar: string;
  objective_en: string;
  owner_agency_id: number;
  weight: number;
  planned_start: string;
  planned_end: string;
  forecast_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  budget_sar: number;
  spend_sar: number;
  /** Catalog services it delivers: their ids, comma-separated. */
  service_ids: string;
  /** Who sponsors it (a post or a person), in each language. */
  sponsor_ar: string | null;
  sponsor_en: string | null;
  /** Agencies taking part besides the owner: their ids, comma-separated. */
  partner_agency_ids: Generated<string>;
  /** Initiatives of the same plan it depends on: their ids, comma-separated. */
  depends_on_ids: Generated<string>;
  published: Flag;
  override_rating: Rating | null;
  override_reason: string | null;
  /** When it was archived (out of active lists and public pages, history kept); null while active. */
  archived_at: Generated<string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanMilestonesTable {
  id: Generated<number>;
  initiative_id: number;
  position: number;
  name_ar: string;
  name_en: string;
  weight: number;
  planned_date: string;
  forecast_date: string | null;
  actual_date: string | null;
  /** The catalog service whose going live completes it (null: completed by reports). */
  auto_service_id: number | null;
  /** What completed it automatically (JSON, see auto.service.ts `AutoEvidence`). */
  evidence_json: string | null;
  /** When it was archived (out of active lists and public pages, history kept); null while active. */
  archived_at: Generated<string | null>;
}

export interface PlanKpisTable {
  id: Generated<number>;
  initiative_id: number;
  name_ar: string;
  name_en: string;
  unit_ar: string;
  unit_en: string;
  kpi_type: KpiType;
  direction: KpiDirection;
  baseline: number;
  baseline_date: string;
  /** When it was archived (out of active lists and public pages, history kept); null while active. */
  archived_at: Generated<string | null>;
}

/** Target and actual of one KPI in one reporting period. */
export interface PlanKpiValuesTable {
  id: Generated<number>;
  kpi_id: number;
  period_id: number;
  target: number | null;
  actual: number | null;
}

/** The reporting calendar: one row per period, with the date its reports are due. */
export interface PlanPeriodsTable {
  id: Generated<number>;
  plan_id: number;
  code: string;
  starts_on: string;
  ends_on: string;
  due_on: string;
}

export interface PlanReportsTable {
  id: Generated<number>;
  initiative_id: number;
  period_id: number;
  agency_id: number;
  status: ReportStatus;
  /** The figures reported (JSON, see plan.schema.ts `ReportFigures`). */
  figures_json: string;
  narrative: string;
  review_comment: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
  accepted_at: Timestamp | null;
}

/** Status history of reports and initiatives: what the public page and the office read. */
export interface PlanEventsTable {
  id: Generated<number>;
  initiative_id: number;
  report_id: number | null;
  action: string;
  comment: string | null;
  detail_json: string | null;
  actor_label: string;
  at: Timestamp;
}

/** A change to a locked report's figures: proposed by the agency, reviewed by the office, kept. */
export interface PlanCorrectionsTable {
  id: Generated<number>;
  report_id: number;
  status: CorrectionStatus;
  figures_json: string;
  reason: string;
  proposed_by: string;
  proposed_at: Timestamp;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  review_comment: string | null;
}

export const changeStatuses = ['proposed', 'accepted', 'rejected'] as const;
export type ChangeStatus = (typeof changeStatuses)[number];

/** A snapshot of a plan's initiatives: planned dates, forecast end, budget and KPI targets (see baselines.ts). */
export interface PlanBaselinesTable {
  id: Generated<number>;
  plan_id: number;
  /** 1 for the baseline taken when the plan was approved, then one more for each accepted change. */
  number: number;
  reason: 'approval' | 'change';
  change_request_id: number | null;
  snapshot_json: string;
  taken_by: string;
  taken_at: Timestamp;
}

/** An owner agency's request to change an initiative's baselined dates, budget or a KPI target, with its reason. */
export interface PlanChangeRequestsTable {
  id: Generated<number>;
  plan_id: number;
  initiative_id: number;
  agency_id: number;
  status: ChangeStatus;
  /** The proposed values and the ones they replace (JSON, see baselines.ts `Change`). */
  changes_json: string;
  reason: string;
  proposed_by: string;
  proposed_at: Timestamp;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  review_comment: string | null;
  /** The baseline its acceptance took. */
  baseline_id: number | null;
}

export const riskKinds = ['risk', 'issue'] as const;
export type RiskKind = (typeof riskKinds)[number];
/** A risk is open, being mitigated, escalated to the program office, or closed (an issue: resolved). */
export const riskStatuses = ['open', 'mitigating', 'escalated', 'closed'] as const;
export type RiskStatus = (typeof riskStatuses)[number];

/** One entry of an initiative's risks and issues register; likelihood and impact are 1–5, the score their product. */
export interface PlanRisksTable {
  id: Generated<number>;
  initiative_id: number;
  /** The initiative's owner agency when the entry was made: who keeps it. */
  agency_id: number;
  kind: RiskKind;
  title: string;
  likelihood: number;
  impact: number;
  /** The score before the last change of likelihood or impact (null until one changes). */
  previous_score: number | null;
  owner: string;
  mitigation: string;
  status: RiskStatus;
  review_on: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_by: string;
  updated_at: Timestamp;
}

export interface PlanTables {
  plan_plans: PlanPlansTable;
  plan_tracks: PlanTracksTable;
  plan_initiatives: PlanInitiativesTable;
  plan_milestones: PlanMilestonesTable;
  plan_kpis: PlanKpisTable;
  plan_kpi_values: PlanKpiValuesTable;
  plan_periods: PlanPeriodsTable;
  plan_reports: PlanReportsTable;
  plan_events: PlanEventsTable;
  plan_corrections: PlanCorrectionsTable;
  plan_baselines: PlanBaselinesTable;
  plan_change_requests: PlanChangeRequestsTable;
  plan_risks: PlanRisksTable;
  plan_committees: PlanCommitteesTable;
  plan_committee_members: PlanCommitteeMembersTable;
  plan_committee_meetings: PlanCommitteeMeetingsTable;
  plan_committee_actions: PlanCommitteeActionsTable;
  plan_systems: PlanSystemsTable;
  plan_system_initiatives: PlanSystemInitiativesTable;
  plan_system_services: PlanSystemServicesTable;
  plan_committee_attendance: PlanCommitteeAttendanceTable;
}

export const actionStatuses = ['open', 'done'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** An agency's e-transactions committee (at most one per agency). */
export interface PlanCommitteesTable {
  id: Generated<number>;
  agency_id: number;
  name_ar: string;
  name_en: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A member: one of the agency's accounts (user_id) or a named external member; at most one active chair. */
export interface PlanCommitteeMembersTable {
  id: Generated<number>;
  committee_id: number;
  user_id: number | null;
  name: string;
  role_title: string;
  is_chair: Flag;
  /** 0 once removed: kept so the actions they owned still name them. */
  active: Flag;
  created_at: Timestamp;
}

export interface PlanCommitteeMeetingsTable {
  id: Generated<number>;
  committee_id: number;
  held_at: Timestamp;
  agenda: string;
  /** Recorded after the meeting has been held. */
  minutes: string | null;
  minutes_by: string | null;
  minutes_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
}

/** A decision of a meeting's minutes, tracked as an action; overdue is computed (open and past its due day). */
export interface PlanCommitteeActionsTable {
  id: Generated<number>;
  committee_id: number;
  meeting_id: number;
  decision: string;
  owner_member_id: number;
  due_on: string;
  status: ActionStatus;
  done_on: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export const systemStatuses = ['in_service', 'being_built', 'retired'] as const;
export type SystemStatus = (typeof systemStatuses)[number];

/** A shared national system (a platform of the sixth track) that initiatives and catalog services reuse. */
export interface PlanSystemsTable {
  id: Generated<number>;
  /** A lower-case slug, unique. */
  code: string;
  name_ar: string;
  name_en: string;
  description_ar: string;
  description_en: string;
  owner_agency_id: number;
  status: SystemStatus;
  /** When it was archived (out of active lists and public pages, history kept); null while active. */
  archived_at: Generated<string | null>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An initiative that builds on or delivers a system. */
export interface PlanSystemInitiativesTable {
  system_id: number;
  initiative_id: number;
}

/** A catalog service that reuses a system, by its service identifier (plan never reads catalog's tables). */
export interface PlanSystemServicesTable {
  system_id: number;
  service_identifier: string;
  created_by: string;
  created_at: Timestamp;
}

export const attendanceStatuses = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

/** Whether a member attended a meeting: present, absent or excused (one row per meeting and member). */
export interface PlanCommitteeAttendanceTable {
  id: Generated<number>;
  meeting_id: number;
  member_id: number;
  status: AttendanceStatus;
  recorded_by: string;
  recorded_at: Timestamp;
}
