import { pick } from '../../../platform/i18n/i18n.ts';
import { DateTime, Field, Pagination, Select, Tag, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { listCases } from '../cases.repo.ts';
import { caseStatusLabel, categoryLabel, kindLabel } from '../feedback.labels.ts';
import { caseCategories, caseKinds, caseStatuses } from '../feedback.tables.ts';
import { FeedbackNav, StatusTag } from './parts.tsx';

type Row = Awaited<ReturnType<typeof listCases>>[number];

function Due({ r }: { r: Row }) {
  const { t } = usePage();
  const breached = r.first_breached || r.res_breached;
  const warned = r.first_warned || r.res_warned;
  const due = r.first_response_at ? r.res_due_at : r.first_due_at;
  return (
    <>
      {breached ? (
        <Tag tone="red">{t('feedback.sla_status.breached')}</Tag>
      ) : warned ? (
        <Tag tone="amber">{t('feedback.sla_status.warning')}</Tag>
      ) : null}{' '}
      {due ? <DateTime value={due} withTime /> : <span class="muted">—</span>}
    </>
  );
}

/** The case inbox: filters, then one row per case with its status and next deadline. */
export function InboxPage(p: {
  items: Row[];
  hasNext: boolean;
  page: number;
  filters: Record<string, string | undefined>;
  agencies: Agency[];
  showAgency: boolean;
}) {
  const { t, href, lang } = usePage();
  const names = new Map(p.agencies.map((a) => [a.id, pick(lang, a, 'name')]));
  const label = useLabel();
  return (
    <Layout title={t('feedback.inbox.title')} nav="/console/feedback">
      <PageHeading title={t('feedback.inbox.title')} lead={t('feedback.inbox.lead')} />
      <FeedbackNav current="/console/feedback" />
      <form method="get" action={href('/console/feedback')} class="filters panel" role="search" aria-label={t('filters.label')}>
        <Field name="q" type="search" label={t('feedback.inbox.search')} value={p.filters.q} />
        <Select
          name="status"
          label={t('feedback.status.status')}
          value={p.filters.status ?? 'active'}
          blank={t('filters.any')}
          options={[
            { value: 'active', label: t('feedback.inbox.status_active') },
            ...caseStatuses.map((s) => ({ value: s, label: label(caseStatusLabel, s) })),
          ]}
        />
        <Select
          name="kind"
          label={t('feedback.field.kind')}
          value={p.filters.kind}
          blank={t('filters.any')}
          options={caseKinds.map((k) => ({ value: k, label: label(kindLabel, k) }))}
        />
        <Select
          name="category"
          label={t('feedback.field.category')}
          value={p.filters.category}
          blank={t('filters.any')}
          options={caseCategories.map((c) => ({ value: c, label: label(categoryLabel, c) }))}
        />
        <Select
          name="assigned"
          label={t('feedback.inbox.assigned')}
          value={p.filters.assigned}
          blank={t('filters.any')}
          options={[
            { value: 'me', label: t('feedback.inbox.assigned_me') },
            { value: 'none', label: t('feedback.inbox.unassigned') },
          ]}
        />
        <Select
          name="sla"
          label={t('feedback.inbox.sla')}
          value={p.filters.sla}
          blank={t('filters.any')}
          options={[
            { value: 'warning', label: t('feedback.sla_status.warning') },
            { value: 'breached', label: t('feedback.sla_status.breached') },
          ]}
        />
        {p.showAgency ? (
          <Select
            name="agency"
            label={t('feedback.field.agency')}
            value={p.filters.agency}
            blank={t('filters.any')}
            options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
          />
        ) : null}
        <button type="submit" class="button secondary">
          {t('filters.apply')}
        </button>
      </form>
      {p.items.length === 0 ? (
        <p>{t('feedback.inbox.empty')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table class="stack">
            <caption class="visually-hidden">{t('feedback.inbox.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('feedback.field.tracking_no')}</th>
                <th scope="col">{t('feedback.field.subject')}</th>
                {p.showAgency ? <th scope="col">{t('feedback.field.agency')}</th> : null}
                <th scope="col">{t('feedback.status.status')}</th>
                <th scope="col">{t('feedback.inbox.due')}</th>
                <th scope="col">{t('feedback.inbox.assigned')}</th>
                <th scope="col">{t('feedback.status.submitted')}</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((r) => (
                <tr key={r.id}>
                  <td class="ltr">
                    <a href={href(`/console/feedback/cases/${r.id}`)}>{r.tracking_no}</a>
                  </td>
                  <td data-label={t('feedback.field.subject')}>
                    {r.subject}
                    <div class="muted">
                      {label(kindLabel, r.kind)} · {label(categoryLabel, r.category)}
                    </div>
                  </td>
                  {p.showAgency ? <td data-label={t('feedback.field.agency')}>{names.get(r.agency_id) ?? r.agency_id}</td> : null}
                  <td data-label={t('feedback.status.status')}>
                    <StatusTag status={r.status} />
                  </td>
                  <td data-label={t('feedback.inbox.due')}>{r.status === 'resolved' || r.status === 'merged' ? '—' : <Due r={r} />}</td>
                  <td data-label={t('feedback.inbox.assigned')}>
                    {r.assigned_name ?? <span class="muted">{t('feedback.inbox.unassigned')}</span>}
                  </td>
                  <td data-label={t('feedback.status.submitted')}>
                    <DateTime value={r.created_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={p.page} hasNext={p.hasNext} query={p.filters} />
    </Layout>
  );
}
