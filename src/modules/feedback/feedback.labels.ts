import type { MessageKey } from '../../messages.ts';
import type { CaseCategory, CaseKind, CaseStatus, EventKind, ResolutionCode } from './feedback.tables.ts';
import type { Weekday } from './sla/calendar.ts';
import type { SlaState } from './sla/clock.ts';

// Explicit maps from feedback's closed sets to their messages: every key is written out, so a
// translator finds each one and the compiler checks each set is complete (no key is built at run time).

export const kindLabel = {
  complaint: 'feedback.kind.complaint',
  inquiry: 'feedback.kind.inquiry',
  suggestion: 'feedback.kind.suggestion',
} as const satisfies Record<CaseKind, MessageKey>;

export const categoryLabel = {
  service_quality: 'feedback.category.service_quality',
  delay: 'feedback.category.delay',
  staff_conduct: 'feedback.category.staff_conduct',
  technical: 'feedback.category.technical',
  fees: 'feedback.category.fees',
  information: 'feedback.category.information',
  other: 'feedback.category.other',
} as const satisfies Record<CaseCategory, MessageKey>;

export const caseStatusLabel = {
  new: 'feedback.case_status.new',
  open: 'feedback.case_status.open',
  waiting: 'feedback.case_status.waiting',
  resolved: 'feedback.case_status.resolved',
  merged: 'feedback.case_status.merged',
} as const satisfies Record<CaseStatus, MessageKey>;

/** What each status means, for the beneficiary. */
export const statusHelpLabel = {
  new: 'feedback.status_help.new',
  open: 'feedback.status_help.open',
  waiting: 'feedback.status_help.waiting',
  resolved: 'feedback.status_help.resolved',
  merged: 'feedback.status_help.merged',
} as const satisfies Record<CaseStatus, MessageKey>;

export const resolutionLabel = {
  resolved: 'feedback.resolution.resolved',
  explained: 'feedback.resolution.explained',
  partially_resolved: 'feedback.resolution.partially_resolved',
  not_possible: 'feedback.resolution.not_possible',
  no_response: 'feedback.resolution.no_response',
  withdrawn: 'feedback.resolution.withdrawn',
  out_of_scope: 'feedback.resolution.out_of_scope',
} as const satisfies Record<ResolutionCode, MessageKey>;

/** One line of a case's timeline. */
export const eventLabel = {
  submitted: 'feedback.event.submitted',
  reply: 'feedback.event.reply',
  beneficiary_reply: 'feedback.event.beneficiary_reply',
  note: 'feedback.event.note',
  assigned: 'feedback.event.assigned',
  waiting: 'feedback.event.waiting',
  resumed: 'feedback.event.resumed',
  resolved: 'feedback.event.resolved',
  reopened: 'feedback.event.reopened',
  merged: 'feedback.event.merged',
  merged_in: 'feedback.event.merged_in',
  reroute_requested: 'feedback.event.reroute_requested',
  reroute_approved: 'feedback.event.reroute_approved',
  reroute_rejected: 'feedback.event.reroute_rejected',
  sla_warning: 'feedback.event.sla_warning',
  sla_breach: 'feedback.event.sla_breach',
  survey: 'feedback.event.survey',
} as const satisfies Record<EventKind, MessageKey>;

/** The two service-level clocks. */
export const clockLabel = { first: 'feedback.clock.first', resolution: 'feedback.clock.resolution' } as const satisfies Record<
  string,
  MessageKey
>;

export const slaStatusLabel = {
  running: 'feedback.sla_status.running',
  paused: 'feedback.sla_status.paused',
  warning: 'feedback.sla_status.warning',
  breached: 'feedback.sla_status.breached',
  met: 'feedback.sla_status.met',
} as const satisfies Record<SlaState, MessageKey>;

/** The answers of a 1–5 rating question. */
export const scaleLabel = {
  1: 'feedback.scale.1',
  2: 'feedback.scale.2',
  3: 'feedback.scale.3',
  4: 'feedback.scale.4',
  5: 'feedback.scale.5',
} as const satisfies Record<1 | 2 | 3 | 4 | 5, MessageKey>;

/** The rating drivers the catalogs name; a driver added later shows its code. */
export const driverLabel = {
  satisfied: 'feedback.driver.satisfied',
  trust: 'feedback.driver.trust',
  need: 'feedback.driver.need',
  easy: 'feedback.driver.easy',
  time: 'feedback.driver.time',
  fair: 'feedback.driver.fair',
  staff: 'feedback.driver.staff',
} as const satisfies Record<string, MessageKey>;

/** How the KPIs are computed, in the order the dashboard lists them. */
export const definitionLabel = {
  csat: 'feedback.definition.csat',
  trust: 'feedback.definition.trust',
  sla: 'feedback.definition.sla',
  reopen: 'feedback.definition.reopen',
} as const satisfies Record<string, MessageKey>;

export const notifyByLabel = { email: 'feedback.notify_by.email', sms: 'feedback.notify_by.sms' } as const satisfies Record<
  'email' | 'sms',
  MessageKey
>;

export const weekdayLabel = {
  sun: 'feedback.weekday.sun',
  mon: 'feedback.weekday.mon',
  tue: 'feedback.weekday.tue',
  wed: 'feedback.weekday.wed',
  thu: 'feedback.weekday.thu',
  fri: 'feedback.weekday.fri',
  sat: 'feedback.weekday.sat',
} as const satisfies Record<Weekday, MessageKey>;

export const calendarKindLabel = {
  hijri: 'feedback.calendar_kind.hijri',
  gregorian: 'feedback.calendar_kind.gregorian',
} as const satisfies Record<'hijri' | 'gregorian', MessageKey>;

/** The ratings list's filters. */
export const ratingStateLabel = { visible: 'feedback.ratings.state.visible', hidden: 'feedback.ratings.state.hidden' } as const;
export const ratingRepliedLabel = { yes: 'feedback.ratings.replied.yes', no: 'feedback.ratings.replied.no' } as const;

export const rerouteStatusLabel = {
  pending: 'feedback.reroutes.status.pending',
  approved: 'feedback.reroutes.status.approved',
  rejected: 'feedback.reroutes.status.rejected',
} as const satisfies Record<string, MessageKey>;

export const attachmentFromLabel = {
  beneficiary: 'feedback.attachment_from.beneficiary',
  staff: 'feedback.attachment_from.staff',
} as const satisfies Record<string, MessageKey>;
