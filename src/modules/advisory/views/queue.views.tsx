import { hasRole } from '../../../platform/auth/actor.ts';
import { pick } from '../../../platform/i18n/i18n.ts';
import {
  Breadcrumbs,
  Csrf,
  DataTable,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  FilterForm,
  Pagination,
  Select,
  TextArea,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { RequestRow } from '../advisory.repo.ts';
import { type RequestStatus, requestStatuses, requestTypes, urgencies } from '../advisory.tables.ts';
import { type RequestClocks, slaTargets } from '../sla.ts';
import { AdvisoryLayout, priorityLabel, StandingTag, StatusTag, statusLabel, str, typeLabel, urgencyLabel } from './common.tsx';

const dueOf = (d: Date | undefined) => (d ? d.toISOString() : null);

export function QueuePage(p: {
  rows: { request: RequestRow; clocks: RequestClocks }[];
  total: number;
  attention: number;
  page: number;
  hasNext: boolean;
  status?: RequestStatus;
  agencies: Map<number, Agency>;
  can: { office: boolean; metrics: boolean; knowledge: boolean };
}) {
  const { t, href, lang, actor, num } = usePage();
  return (
    <AdvisoryLayout title={t('advisory.title')}>
      <PageHeading title={t('advisory.title')} lead={t('advisory.lead')} />
      <p class="actions">
        {hasRole(actor, 'agency_admin') && actor.kind === 'user' ? (
          <a class="button" href={href('/console/advisory/new')}>
            {t('advisory.new')}
          </a>
        ) : null}{' '}
        {p.can.office ? <a href={href('/console/advisory/team')}>{t('advisory.team.title')}</a> : null}{' '}
        {p.can.metrics ? <a href={href('/console/advisory/metrics')}>{t('advisory.metrics.title')}</a> : null}{' '}
        {p.can.knowledge ? <a href={href('/console/advisory/knowledge')}>{t('advisory.knowledge.title')}</a> : null}
      </p>
      <FilterForm action="/console/advisory">
        <Select
          name="status"
          label={t('advisory.field.status')}
          blank={t('advisory.status.any')}
          value={p.status}
          options={requestStatuses.map((s) => ({ value: s, label: t(statusLabel[s]) }))}
        />
      </FilterForm>
      <p>{t('advisory.queue.attention', { count: p.attention, total: num(p.total) })}</p>
      <DataTable
        caption={t('advisory.queue.caption')}
        headers={[
          t('advisory.field.title'),
          t('advisory.field.agency'),
          t('advisory.field.type'),
          t('advisory.field.status'),
          t('advisory.field.priority'),
          t('advisory.field.submitted_at'),
          t('advisory.sla.first_response_due'),
          t('advisory.sla.delivery_due'),
          t('advisory.sla.standing'),
        ]}
        empty={p.rows.length === 0}
      >
        {p.rows.map(({ request: r, clocks: c }) => {
          const agency = p.agencies.get(r.agency_id);
          return (
            <tr key={r.id}>
              <td>
                <a href={href(`/console/advisory/${r.id}`)}>{r.title}</a>
              </td>
              <td>{agency ? pick(lang, agency, 'name') : '—'}</td>
              <td>{t(typeLabel[r.type])}</td>
              <td>
                <StatusTag status={r.status} />
              </td>
              <td>{r.priority ? t(priorityLabel[r.priority]) : '—'}</td>
              <td>
                <DateTime value={r.submitted_at} />
              </td>
              <td>
                <DateTime value={dueOf(c.firstResponse.dueAt)} withTime />
              </td>
              <td>
                <DateTime value={c.delivery ? dueOf(c.delivery.dueAt) : null} withTime />
              </td>
              <td>
                <StandingTag standing={c.standing} />
              </td>
            </tr>
          );
        })}
      </DataTable>
      <Pagination page={p.page} hasNext={p.hasNext} query={{ status: p.status }} />
    </AdvisoryLayout>
  );
}

/** The request form: a new request, or (with `edit`) the agency's edit of its own while the office triages it. */
export function RequestFormPage(p: {
  values: Record<string, unknown>;
  errors?: Errors;
  agencies: Agency[];
  edit?: { id: number; title: string };
}) {
  const { t, href, lang, num } = usePage();
  const v = p.values;
  const title = p.edit ? t('advisory.edit.title') : t('advisory.new');
  return (
    <AdvisoryLayout title={title}>
      {p.edit ? (
        <Breadcrumbs
          items={[
            { href: '/console/advisory', label: t('advisory.title') },
            { href: `/console/advisory/${p.edit.id}`, label: p.edit.title },
            { label: title },
          ]}
        />
      ) : null}
      <PageHeading title={title} lead={p.edit ? t('advisory.edit.lead') : t('advisory.new_lead')} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href(p.edit ? `/console/advisory/${p.edit.id}/edit` : '/console/advisory/new')} novalidate>
        <Csrf />
        {!p.edit && p.agencies.length > 1 ? (
          <Select
            name="agency_id"
            label={t('advisory.field.agency')}
            value={str(v.agency_id)}
            errors={p.errors}
            required
            options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
          />
        ) : null}
        <Select
          name="type"
          label={t('advisory.field.type')}
          blank=""
          value={str(v.type)}
          errors={p.errors}
          required
          options={requestTypes.map((x) => ({
            value: x,
            label: t('advisory.type_with_sla', {
              type: t(typeLabel[x]),
              days: num(slaTargets[x].deliveryHours / 8),
            }),
          }))}
        />
        <Field name="title" label={t('advisory.field.title')} value={str(v.title)} errors={p.errors} required />
        <TextArea
          name="question"
          label={t('advisory.field.question')}
          hint={t('advisory.field.question_hint')}
          value={str(v.question)}
          errors={p.errors}
          required
        />
        <Select
          name="urgency"
          label={t('advisory.field.urgency')}
          value={str(v.urgency)}
          errors={p.errors}
          required
          options={urgencies.map((x) => ({ value: x, label: t(urgencyLabel[x]) }))}
        />
        <Field
          name="services"
          label={t('advisory.field.services')}
          hint={t('advisory.field.services_hint')}
          value={str(v.services)}
          errors={p.errors}
          dir="ltr"
        />
        {p.edit ? null : (
          <Field
            name="initiatives"
            label={t('advisory.field.initiatives')}
            hint={t('advisory.field.initiatives_hint')}
            value={str(v.initiatives)}
            errors={p.errors}
            dir="ltr"
          />
        )}
        <button type="submit" class="button">
          {p.edit ? t('advisory.edit.save') : t('advisory.submit')}
        </button>
      </form>
    </AdvisoryLayout>
  );
}
