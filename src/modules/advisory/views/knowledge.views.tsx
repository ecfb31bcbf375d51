import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, Field, FilterForm, Select } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import { type FindingResponse, severities } from '../advisory.tables.ts';
import type { KnowledgeHit } from '../knowledge.service.ts';
import { AdvisoryLayout, responseLabel, severityLabel, typeLabel } from './common.tsx';

/** Past findings and recommendations, searchable by the office and the advisory team. */
export function KnowledgePage(p: {
  q: string;
  severity?: string;
  result: { total: number; hits: KnowledgeHit[] };
  agencies: Map<number, Agency>;
  linkRequests: boolean;
}) {
  const { t, lang, href, num } = usePage();
  return (
    <AdvisoryLayout title={t('advisory.knowledge.title')}>
      <Breadcrumbs items={[{ href: '/console/advisory', label: t('advisory.title') }, { label: t('advisory.knowledge.title') }]} />
      <PageHeading title={t('advisory.knowledge.title')} lead={t('advisory.knowledge.lead')} />
      <FilterForm action="/console/advisory/knowledge">
        <Field name="q" type="search" label={t('advisory.knowledge.query')} value={p.q} />
        <Select
          name="severity"
          label={t('advisory.field.severity')}
          blank={t('advisory.knowledge.any_severity')}
          value={p.severity}
          options={severities.map((s) => ({ value: s, label: t(severityLabel[s]) }))}
        />
      </FilterForm>
      <h2>{t('advisory.knowledge.results', { count: p.result.total, shown: num(p.result.hits.length) })}</h2>
      <ol class="results">
        {p.result.hits.map((h) => {
          const agency = h.agencyId === null ? undefined : p.agencies.get(h.agencyId);
          return (
            <li key={h.id}>
              <h3 dir="auto">
                {p.linkRequests ? <a href={href(`/console/advisory/${h.requestId}/findings/${h.id}`)}>{h.title}</a> : h.title}
              </h3>
              <p class="muted">
                {t(severityLabel[h.severity])} — {t(typeLabel[h.type])} —{' '}
                {agency ? pick(lang, agency, 'name') : t('advisory.knowledge.anonymous')}
                {h.response ? ` — ${t(responseLabel[h.response as FindingResponse])}` : ''}
              </p>
              <p dir="auto">{h.recommendation}</p>
              <p class="muted" dir="auto">
                {t('advisory.knowledge.place', { place: h.reference })}
              </p>
            </li>
          );
        })}
      </ol>
    </AdvisoryLayout>
  );
}
