import type { Selectable } from 'kysely';
import type { MessageKey } from '../../../messages.ts';
import {
  Breadcrumbs,
  Csrf,
  DataTable,
  DateTime,
  ErrorSummary,
  type Errors,
  FilterForm,
  Select,
  Tag,
  TextArea,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import { requestKindLabel, requestStatusLabel } from '../privacy.labels.ts';
import type { PrivacyRequestEventsTable, PrivacyRequestsTable } from '../privacy.tables.ts';
import { requestKinds, requestStatuses } from '../privacy.tables.ts';
import { OfficeNav } from './office.nav.tsx';

type RequestRow = Selectable<PrivacyRequestsTable>;
type EventRow = Selectable<PrivacyRequestEventsTable>;

const open = (r: RequestRow) => r.status === 'received' || r.status === 'in_progress';

/** The deadline in both calendars, flagged once past while the request is still open. */
function Due({ r }: { r: RequestRow }) {
  const { t } = usePage();
  const late = open(r) && r.due_at < new Date().toISOString();
  return (
    <>
      <DateTime value={r.due_at} />
      {late ? (
        <>
          {' '}
          <Tag tone="red">{t('privacy.requests.overdue')}</Tag>
        </>
      ) : null}
    </>
  );
}

export function RequestsPage({ items, filters }: { items: RequestRow[]; filters: Record<string, string | undefined> }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('privacy.requests.title')} nav="/console/privacy">
      <PageHeading title={t('privacy.requests.title')} lead={t('privacy.requests.lead')} />
      <OfficeNav current="/console/privacy/requests" />
      <FilterForm action="/console/privacy/requests">
        <Select
          name="status"
          label={t('privacy.requests.status')}
          value={filters.status}
          blank={t('privacy.filters.any')}
          options={requestStatuses.map((s) => ({ value: s, label: t(requestStatusLabel[s]) }))}
        />
        <Select
          name="kind"
          label={t('privacy.requests.kind')}
          value={filters.kind}
          blank={t('privacy.filters.any')}
          options={requestKinds.map((k) => ({ value: k, label: t(requestKindLabel[k]) }))}
        />
      </FilterForm>
      <DataTable
        caption={t('privacy.requests.title')}
        empty={items.length === 0}
        headers={['#', t('privacy.requests.kind'), t('privacy.requests.status'), t('privacy.requests.received'), t('privacy.requests.due')]}
      >
        {items.map((r) => (
          <tr key={r.id}>
            <td class="num">{r.id}</td>
            <td>
              <a href={href(`/console/privacy/requests/${r.id}`)}>
                {t(requestKindLabel[r.kind])}
                <span class="visually-hidden"> {t('privacy.request.title', { id: r.id })}</span>
              </a>
            </td>
            <td>{t(requestStatusLabel[r.status])}</td>
            <td>
              <DateTime value={r.created_at} />
            </td>
            <td>
              <Due r={r} />
            </td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

export function RequestPage({
  request: r,
  events,
  kindLabels,
  errors,
  values = {},
}: {
  request: RequestRow;
  events: EventRow[];
  /** Each data kind's name by key (a kind no module declares any more shows its key). */
  kindLabels: ReadonlyMap<string, MessageKey>;
  errors?: Errors;
  values?: Record<string, unknown>;
}) {
  const { t, href, num } = usePage();
  const title = t('privacy.request.title', { id: r.id });
  const outcome = r.outcome_json ? (JSON.parse(r.outcome_json) as { counts: Record<string, number>; files: number }) : null;
  return (
    <Layout title={title} nav="/console/privacy">
      <Breadcrumbs items={[{ href: '/console/privacy/requests', label: t('privacy.requests.title') }, { label: title }]} />
      <PageHeading title={title} />
      <ErrorSummary errors={errors} labels={{ note: t('privacy.request.note'), action: t('privacy.request.action') }} />
      <dl class="summary">
        <dt>{t('privacy.requests.kind')}</dt>
        <dd>{t(requestKindLabel[r.kind])}</dd>
        <dt>{t('privacy.requests.status')}</dt>
        <dd>{t(requestStatusLabel[r.status])}</dd>
        <dt>{t('privacy.request.email')}</dt>
        <dd class="ltr">{r.email}</dd>
        {r.phone && (
          <>
            <dt>{t('privacy.request.phone')}</dt>
            <dd class="ltr">{r.phone}</dd>
          </>
        )}
        <dt>{t('privacy.requests.received')}</dt>
        <dd>
          <DateTime value={r.created_at} withTime />
        </dd>
        <dt>{t('privacy.requests.due')}</dt>
        <dd>
          <Due r={r} />
        </dd>
        <dt>{t('privacy.request.record')}</dt>
        <dd>{r.record_ref ?? '—'}</dd>
        <dt>{t('privacy.request.details')}</dt>
        <dd>{r.details ?? '—'}</dd>
        {outcome ? (
          <>
            <dt>{t('privacy.request.outcome')}</dt>
            <dd>
              <ul>
                {Object.entries(outcome.counts).map(([k, n]) => {
                  const name = kindLabels.get(k);
                  return (
                    <li key={k}>
                      {name ? t(name) : <code class="ltr">{k}</code>}: {num(n)}
                    </li>
                  );
                })}
                <li>{t('privacy.request.files', { n: outcome.files })}</li>
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t('privacy.request.history')}</h2>
      <DataTable
        caption={t('privacy.request.history')}
        empty={events.length === 0}
        headers={[t('privacy.request.when'), t('privacy.requests.status'), t('privacy.request.by'), t('privacy.request.note')]}
      >
        {events.map((e) => (
          <tr key={e.id}>
            <td>
              <DateTime value={e.at} withTime />
            </td>
            <td>{t(requestStatusLabel[e.status])}</td>
            <td class="ltr">{e.actor_label === 'subject' ? t('privacy.request.by_subject') : e.actor_label}</td>
            <td>{e.note ?? '—'}</td>
          </tr>
        ))}
      </DataTable>
      {open(r) ? (
        <form method="post" action={href(`/console/privacy/requests/${r.id}`)} class="panel">
          <Csrf />
          <h2>{t('privacy.request.decide')}</h2>
          {r.kind === 'erasure' ? <p>{t('privacy.request.erasure_warning')}</p> : null}
          {r.kind === 'correction' ? <p>{t('privacy.request.correction_hint')}</p> : null}
          <Select
            name="action"
            label={t('privacy.request.action')}
            value={String(values.action ?? '')}
            errors={errors}
            options={[
              ...(r.status === 'received' ? [{ value: 'start', label: t('privacy.request.start') }] : []),
              { value: 'complete', label: t(r.kind === 'erasure' ? 'privacy.request.complete_erasure' : 'privacy.request.complete') },
              { value: 'reject', label: t('privacy.request.reject') },
            ]}
          />
          <TextArea
            name="note"
            label={t('privacy.request.note')}
            hint={t('privacy.request.note_hint')}
            value={String(values.note ?? '')}
            errors={errors}
            rows={3}
          />
          <button type="submit" class="button">
            {t('privacy.request.save')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
