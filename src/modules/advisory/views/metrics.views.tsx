import { hasRole } from '../../../platform/auth/actor.ts';
import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, DataTable } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { Share } from '../advisory.metrics.ts';
import { ADVISORY_ROLES } from '../advisory.policy.ts';
import { type RequestType, requestTypes, type Severity, severities } from '../advisory.tables.ts';
import { AdvisoryLayout, severityLabel, typeLabel, usePct } from './common.tsx';

/** Requests by type and agency, turnaround against the SLAs, findings by severity, shares accepted and closed on time. */
export function MetricsPage(p: {
  byType: Record<RequestType, number>;
  byAgency: { agencyId: number; count: number }[];
  sla: { firstResponse: Share; delivery: Share };
  bySeverity: Record<Severity, number>;
  accepted: Share;
  onTime: Share;
  agencies: Map<number, Agency>;
}) {
  const { t, lang, num, actor } = usePage();
  const pct = usePct();
  const shareRows: [string, string, Share][] = [
    ['first', t('advisory.metrics.first_response_on_time'), p.sla.firstResponse],
    ['delivery', t('advisory.metrics.delivered_on_time'), p.sla.delivery],
    ['accepted', t('advisory.metrics.accepted_share'), p.accepted],
    ['followups', t('advisory.metrics.followups_on_time'), p.onTime],
  ];
  return (
    <AdvisoryLayout title={t('advisory.metrics.title')}>
      <Breadcrumbs
        items={[
          // Leadership reads the metrics but not the requests.
          { href: hasRole(actor, ...ADVISORY_ROLES) ? '/console/advisory' : undefined, label: t('advisory.title') },
          { label: t('advisory.metrics.title') },
        ]}
      />
      <PageHeading title={t('advisory.metrics.title')} lead={t('advisory.metrics.lead')} />
      <section aria-labelledby="m-shares">
        <h2 id="m-shares">{t('advisory.metrics.shares')}</h2>
        <DataTable
          caption={t('advisory.metrics.shares')}
          headers={[t('advisory.metrics.measure'), t('advisory.metrics.share'), t('advisory.metrics.of')]}
          empty={false}
        >
          {shareRows.map(([key, label, s]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td>{pct(s.rate)}</td>
              <td>{t('advisory.metrics.count_of', { n: num(s.numerator), d: num(s.denominator) })}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section aria-labelledby="m-type">
        <h2 id="m-type">{t('advisory.metrics.by_type')}</h2>
        <DataTable
          caption={t('advisory.metrics.by_type')}
          headers={[t('advisory.field.type'), t('advisory.metrics.requests')]}
          empty={false}
        >
          {requestTypes.map((x) => (
            <tr key={x}>
              <th scope="row">{t(typeLabel[x])}</th>
              <td>{num(p.byType[x])}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section aria-labelledby="m-agency">
        <h2 id="m-agency">{t('advisory.metrics.by_agency')}</h2>
        <DataTable
          caption={t('advisory.metrics.by_agency')}
          headers={[t('advisory.field.agency'), t('advisory.metrics.requests')]}
          empty={p.byAgency.length === 0}
        >
          {p.byAgency.map((r) => {
            const a = p.agencies.get(r.agencyId);
            return (
              <tr key={r.agencyId}>
                <th scope="row">{a ? pick(lang, a, 'name') : '—'}</th>
                <td>{num(r.count)}</td>
              </tr>
            );
          })}
        </DataTable>
      </section>
      <section aria-labelledby="m-severity">
        <h2 id="m-severity">{t('advisory.metrics.by_severity')}</h2>
        <DataTable
          caption={t('advisory.metrics.by_severity')}
          headers={[t('advisory.field.severity'), t('advisory.metrics.findings')]}
          empty={false}
        >
          {severities.map((s) => (
            <tr key={s}>
              <th scope="row">{t(severityLabel[s])}</th>
              <td>{num(p.bySeverity[s])}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </AdvisoryLayout>
  );
}
