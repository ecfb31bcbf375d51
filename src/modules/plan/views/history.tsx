import type { MessageKey } from '../../../messages.ts';
import { keyFor } from '../../../platform/i18n/i18n.ts';
import { DateTime } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import type { InitiativeDetail } from '../followup.service.ts';
import type { EventRow } from '../plan.repo.ts';

export const eventLabel = {
  created: 'plan.event.created',
  edited: 'plan.event.edited',
  published: 'plan.event.published',
  withdrawn: 'plan.event.withdrawn',
  override: 'plan.event.override',
  override_cleared: 'plan.event.override_cleared',
  'report.submitted': 'plan.event.report_submitted',
  'report.returned': 'plan.event.report_returned',
  'report.accepted': 'plan.event.report_accepted',
  'correction.proposed': 'plan.event.correction_proposed',
  'correction.accepted': 'plan.event.correction_accepted',
  'correction.rejected': 'plan.event.correction_rejected',
  'change.proposed': 'plan.event.change_proposed',
  'change.accepted': 'plan.event.change_accepted',
  'change.rejected': 'plan.event.change_rejected',
  'risk.added': 'plan.event.risk_added',
  'risk.updated': 'plan.event.risk_updated',
  'risk.escalated': 'plan.event.risk_escalated',
  'risk.closed': 'plan.event.risk_closed',
  'milestone.auto_completed': 'plan.event.milestone_auto_completed',
  'kpi.target_changed': 'plan.event.target_changed',
  archived: 'plan.event.archived',
  restored: 'plan.event.restored',
  'milestone.archived': 'plan.event.milestone_archived',
  'milestone.restored': 'plan.event.milestone_restored',
  'kpi.archived': 'plan.event.kpi_archived',
  'kpi.restored': 'plan.event.kpi_restored',
} as const satisfies Record<string, MessageKey>;

/** The status history of an initiative, newest first; the public page leaves out the comments. */
export function History({
  events,
  periods,
  comments = true,
}: {
  events: EventRow[];
  periods: InitiativeDetail['periods'];
  comments?: boolean;
}) {
  const { t } = usePage();
  if (events.length === 0) return <p>{t('plan.history.none')}</p>;
  return (
    <ol class="timeline">
      {events.map((e) => {
        const key = keyFor(eventLabel, e.action);
        const periodId = e.detail_json ? (JSON.parse(e.detail_json) as { period_id?: number }).period_id : undefined;
        const period = periods.find((p) => p.id === periodId);
        return (
          <li key={e.id}>
            <DateTime value={e.at} withTime /> — {key ? t(key) : e.action}
            {period ? <span class="ltr"> ({period.code})</span> : null}
            {comments && e.comment ? <blockquote>{e.comment}</blockquote> : null}
          </li>
        );
      })}
    </ol>
  );
}
