import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../../messages.ts';
import { Day, Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/Layout.tsx';
import type { SlaStatus } from '../../feedback/public.ts';
import type {
  AssignmentRole,
  DocType,
  FindingResponse,
  Priority,
  RequestStatus,
  RequestType,
  Severity,
  Urgency,
} from '../advisory.tables.ts';
import type { Standing } from '../sla.ts';

/** The console layout of the advisory pages. */
export function AdvisoryLayout({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <Layout title={title} nav="/console/advisory">
      {children}
    </Layout>
  );
}

export const typeLabel = {
  strategic_plan: 'advisory.type.strategic_plan',
  tender_review: 'advisory.type.tender_review',
  vendor_evaluation: 'advisory.type.vendor_evaluation',
  technical_review: 'advisory.type.technical_review',
  service_availability: 'advisory.type.service_availability',
  other: 'advisory.type.other',
} as const satisfies Record<RequestType, MessageKey>;

export const docTypeLabel = {
  project_plan: 'advisory.doc_type.project_plan',
  bidding_documents: 'advisory.doc_type.bidding_documents',
  technical_specifications: 'advisory.doc_type.technical_specifications',
  evaluation_criteria: 'advisory.doc_type.evaluation_criteria',
  evaluation_reports: 'advisory.doc_type.evaluation_reports',
  contract_draft: 'advisory.doc_type.contract_draft',
  feasibility_study: 'advisory.doc_type.feasibility_study',
  other: 'advisory.doc_type.other',
} as const satisfies Record<DocType, MessageKey>;

export const urgencyLabel = {
  normal: 'advisory.urgency.normal',
  high: 'advisory.urgency.high',
  critical: 'advisory.urgency.critical',
} as const satisfies Record<Urgency, MessageKey>;

export const priorityLabel = {
  low: 'advisory.priority.low',
  medium: 'advisory.priority.medium',
  high: 'advisory.priority.high',
} as const satisfies Record<Priority, MessageKey>;

export const statusLabel = {
  submitted: 'advisory.status.submitted',
  info_requested: 'advisory.status.info_requested',
  accepted: 'advisory.status.accepted',
  declined: 'advisory.status.declined',
  delivered: 'advisory.status.delivered',
  closed: 'advisory.status.closed',
} as const satisfies Record<RequestStatus, MessageKey>;

export const standingLabel = {
  on_track: 'advisory.standing.on_track',
  at_risk: 'advisory.standing.at_risk',
  overdue: 'advisory.standing.overdue',
  paused: 'advisory.standing.paused',
  met: 'advisory.standing.met',
  late: 'advisory.standing.late',
} as const satisfies Record<Standing, MessageKey>;

export const severityLabel = {
  critical: 'advisory.severity.critical',
  high: 'advisory.severity.high',
  medium: 'advisory.severity.medium',
  low: 'advisory.severity.low',
} as const satisfies Record<Severity, MessageKey>;

export const responseLabel = {
  accept: 'advisory.response.accept',
  accept_in_part: 'advisory.response.accept_in_part',
  reject: 'advisory.response.reject',
} as const satisfies Record<FindingResponse, MessageKey>;

export const roleLabel = {
  lead: 'advisory.role.lead',
  reviewer: 'advisory.role.reviewer',
} as const satisfies Record<AssignmentRole, MessageKey>;

/** A clock's state, as feedback's SLA clock reports it. */
export const clockLabel = {
  running: 'advisory.clock.running',
  paused: 'advisory.clock.paused',
  warning: 'advisory.clock.warning',
  breached: 'advisory.clock.breached',
  met: 'advisory.clock.met',
} as const satisfies Record<SlaStatus['state'], MessageKey>;

const standingTone: Record<Standing, 'grey' | 'amber' | 'red' | undefined> = {
  on_track: undefined,
  at_risk: 'amber',
  overdue: 'red',
  paused: 'grey',
  met: undefined,
  late: 'red',
};

/** The SLA standing as a tag with its name (never colour alone). */
export function StandingTag({ standing }: { standing: Standing }) {
  const { t } = usePage();
  return <Tag tone={standingTone[standing]}>{t(standingLabel[standing])}</Tag>;
}

export function StatusTag({ status }: { status: RequestStatus }) {
  const { t } = usePage();
  const tone = status === 'declined' ? 'grey' : status === 'info_requested' ? 'amber' : undefined;
  return <Tag tone={tone}>{t(statusLabel[status])}</Tag>;
}

/** A calendar day in both calendars (the platform's). */
export { Day };

/** A share 0..1 as a percentage in the page's digits, or a dash. */
export function usePct() {
  const { num } = usePage();
  return (v: number | null | undefined) => (v === null || v === undefined ? '—' : num(v, { style: 'percent', maximumFractionDigits: 1 }));
}

export const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
