import type { Selectable } from 'kysely';
import type { VNode } from 'preact';
import type { MessageKey } from '../../../messages.ts';
import type { AuditLogTable, JobsTable, MessagesTable } from '../../../platform/db/tables.ts';
import {
  Breadcrumbs,
  DataTable,
  DateTime,
  Field,
  FilterForm,
  Pagination,
  PostButton,
  Select,
  Tag,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';

export function DashboardPage({
  counts,
  cards,
}: {
  counts: { agencies: number; users: number | null; parked: number; failed: number };
  cards: VNode[];
}) {
  const { t, href, actor, num, nav } = usePage();
  const links = nav('console').filter((i) => i.href !== '/console');
  return (
    <Layout title={t('console.title')} nav="/console">
      <PageHeading title={t('console.title')} lead={actor.kind === 'user' ? t('console.welcome', { name: actor.name }) : undefined} />
      <ul class="grid cards">
        <li class="card">
          <span class="stat">{num(counts.agencies)}</span>
          {t('console.count_agencies')}
        </li>
        {counts.users !== null ? (
          <li class="card">
            <span class="stat">{num(counts.users)}</span>
            {t('console.count_users')}
          </li>
        ) : null}
        {counts.parked > 0 ? (
          <li class="card">
            <span class="stat">{num(counts.parked)}</span>
            <a href={href('/console/jobs?status=parked')}>{t('console.count_parked')}</a>
          </li>
        ) : null}
        {counts.failed > 0 ? (
          <li class="card">
            <span class="stat">{num(counts.failed)}</span>
            <a href={href('/console/outbox?status=failed')}>{t('console.count_failed')}</a>
          </li>
        ) : null}
      </ul>
      {cards.length ? <ul class="grid cards dashboard-cards">{cards}</ul> : null}
      <h2>{t('console.sections')}</h2>
      <ul class="grid cards">
        {links.map((l) => (
          <li class="card" key={l.href}>
            <a href={href(l.href)}>{t(l.label)}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function Json({ value }: { value: string | null }) {
  if (!value) return <span class="muted">—</span>;
  let pretty = value;
  try {
    pretty = JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    // shown as stored
  }
  return (
    <pre class="json" tabIndex={0}>
      {pretty}
    </pre>
  );
}

export function AuditPage(p: {
  items: Selectable<AuditLogTable>[];
  nextBefore: number | null;
  filters: Record<string, string | undefined>;
}) {
  const { t, href } = usePage();
  const q = new URLSearchParams(Object.entries(p.filters).filter(([k, v]) => v && k !== 'before') as [string, string][]);
  return (
    <Layout title={t('audit.title')} nav="/console/audit">
      <PageHeading title={t('audit.title')} lead={t('audit.lead')} />
      <FilterForm action={'/console/audit'}>
        <Field name="actor" label={t('audit.actor')} value={p.filters.actor} />
        <Field name="action" label={t('audit.action')} hint={t('audit.action_hint')} value={p.filters.action} dir="ltr" />
        <Field name="record_type" label={t('audit.record_type')} value={p.filters.record_type} dir="ltr" />
        <Field name="record_id" label={t('audit.record_id')} value={p.filters.record_id} dir="ltr" />
        <Field name="from" type="date" label={t('filters.from')} value={p.filters.from} />
        <Field name="to" type="date" label={t('filters.to')} value={p.filters.to} />
      </FilterForm>
      <DataTable
        caption={t('audit.title')}
        headers={['#', t('audit.when'), t('audit.actor'), t('audit.action'), t('audit.record'), t('audit.details')]}
        empty={p.items.length === 0}
      >
        {p.items.map((r) => (
          <tr key={r.seq}>
            <td class="num">{r.seq}</td>
            <td>
              <DateTime value={r.at} withTime />
              <div class="muted ltr">{r.at}</div>
            </td>
            <td>
              <span class="ltr">{r.actor_label}</span>
              {r.acting_agency_id ? (
                <div class="muted">
                  {t('audit.acting_agency')}: <a href={href(`/console/agencies/${r.acting_agency_id}`)}>{r.acting_agency_id}</a>
                </div>
              ) : null}
            </td>
            <td class="ltr">
              <code>{r.action}</code>
            </td>
            <td class="ltr">
              {r.record_type}
              {r.record_id ? ` ${r.record_id}` : ''}
            </td>
            <td>
              <details>
                <summary>{t('audit.show')}</summary>
                <dl class="summary">
                  <dt>{t('audit.before')}</dt>
                  <dd>
                    <Json value={r.before_json} />
                  </dd>
                  <dt>{t('audit.after')}</dt>
                  <dd>
                    <Json value={r.after_json} />
                  </dd>
                  <dt>IP</dt>
                  <dd class="ltr">{r.ip ?? '—'}</dd>
                  <dt>{t('audit.request_id')}</dt>
                  <dd class="ltr">{r.request_id ?? '—'}</dd>
                  <dt>{t('audit.hash')}</dt>
                  <dd class="ltr">
                    <code>{r.hash.slice(0, 16)}…</code>
                  </dd>
                </dl>
              </details>
            </td>
          </tr>
        ))}
      </DataTable>
      {p.nextBefore ? (
        <p>
          <a href={`${href('/console/audit')}?${q}${q.size ? '&' : ''}before=${p.nextBefore}`}>{t('pagination.older')}</a>
        </p>
      ) : null}
    </Layout>
  );
}

type MessageListRow = Pick<
  Selectable<MessagesTable>,
  'id' | 'channel' | 'to_address' | 'subject' | 'status' | 'transport' | 'attempts' | 'last_error' | 'created_at' | 'sent_at' | 'source'
>;

// Explicit maps from the outbox's and the job queue's states to their messages (no key built at run time).
const messageStatusLabel = {
  queued: 'message_status.queued',
  sending: 'message_status.sending',
  sent: 'message_status.sent',
  failed: 'message_status.failed',
} as const satisfies Record<MessagesTable['status'], MessageKey>;
const channelLabel = { email: 'channel.email', sms: 'channel.sms' } as const satisfies Record<MessagesTable['channel'], MessageKey>;
const jobStatusLabel = {
  pending: 'job_status.pending',
  running: 'job_status.running',
  done: 'job_status.done',
  parked: 'job_status.parked',
} as const satisfies Record<JobsTable['status'], MessageKey>;

function MessageStatus({ status }: { status: MessagesTable['status'] }) {
  const { t } = usePage();
  return <Tag tone={status === 'sent' ? undefined : status === 'failed' ? 'red' : 'amber'}>{t(messageStatusLabel[status])}</Tag>;
}

export function OutboxPage(p: {
  items: MessageListRow[];
  hasNext: boolean;
  page: number;
  filters: Record<string, string | undefined>;
  local: boolean;
}) {
  const { t, href } = usePage();
  return (
    <Layout title={t('outbox.title')} nav="/console/outbox">
      <PageHeading title={t('outbox.title')} lead={p.local ? t('outbox.lead_local') : t('outbox.lead_smtp')} />
      <FilterForm action={'/console/outbox'}>
        <Field name="to" label={t('outbox.to')} value={p.filters.to} dir="ltr" />
        <Select
          name="status"
          label={t('field.status')}
          value={p.filters.status}
          blank={t('filters.any')}
          options={Object.entries(messageStatusLabel).map(([value, key]) => ({ value, label: t(key) }))}
        />
        <Select
          name="channel"
          label={t('outbox.channel')}
          value={p.filters.channel}
          blank={t('filters.any')}
          options={Object.entries(channelLabel).map(([value, key]) => ({ value, label: t(key) }))}
        />
      </FilterForm>
      <DataTable
        caption={t('outbox.title')}
        headers={[t('outbox.to'), t('outbox.subject'), t('field.status'), t('outbox.created')]}
        empty={p.items.length === 0}
      >
        {p.items.map((m) => (
          <tr key={m.id}>
            <td class="ltr">{m.to_address}</td>
            <td>
              <a href={href(`/console/outbox/${m.id}`)}>{m.subject ?? t('channel.sms')}</a>
            </td>
            <td>
              <MessageStatus status={m.status} />
            </td>
            <td>
              <DateTime value={m.created_at} withTime />
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination page={p.page} hasNext={p.hasNext} query={p.filters} />
    </Layout>
  );
}

export function MessagePage({ m }: { m: Selectable<MessagesTable> }) {
  const { t, href } = usePage();
  const links = [...m.text_body.matchAll(/https?:\/\/[^\s)]+/g)].map((x) => x[0]);
  return (
    <Layout title={m.subject ?? t('channel.sms')} nav="/console/outbox">
      <Breadcrumbs items={[{ href: '/console/outbox', label: t('outbox.title') }, { label: m.subject ?? t('channel.sms') }]} />
      <PageHeading title={m.subject ?? t('channel.sms')} />
      <dl class="summary panel">
        <dt>{t('outbox.to')}</dt>
        <dd class="ltr">{m.to_address}</dd>
        <dt>{t('field.status')}</dt>
        <dd>
          <MessageStatus status={m.status} />
        </dd>
        <dt>{t('outbox.attempts')}</dt>
        <dd>{m.attempts}</dd>
        <dt>{t('outbox.created')}</dt>
        <dd>
          <DateTime value={m.created_at} withTime />
        </dd>
        <dt>{t('outbox.sent')}</dt>
        <dd>
          <DateTime value={m.sent_at} withTime />
        </dd>
        <dt>Message-ID</dt>
        <dd class="ltr">{m.provider_message_id}</dd>
        {m.last_error ? (
          <>
            <dt>{t('outbox.error')}</dt>
            <dd class="ltr">{m.last_error}</dd>
          </>
        ) : null}
      </dl>
      {m.status === 'failed' ? (
        <div class="actions">
          <PostButton action={href(`/console/outbox/${m.id}/retry`)} label={t('action.retry')} />
        </div>
      ) : null}
      {links.length ? (
        <section class="panel" aria-labelledby="links-h">
          <h2 id="links-h">{t('outbox.links')}</h2>
          <ul>
            {links.map((l) => (
              <li key={l}>
                <a href={l} class="ltr">
                  {l}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="panel" aria-labelledby="text-h">
        <h2 id="text-h">{t('outbox.text_version')}</h2>
        <pre class="json" dir="auto" lang={m.locale} tabIndex={0}>
          {m.text_body}
        </pre>
        {m.html_body ? (
          <p>
            <a href={href(`/console/outbox/${m.id}/html`)}>{t('outbox.html_version')}</a>
          </p>
        ) : null}
      </section>
    </Layout>
  );
}

export function JobsPage(p: { items: Selectable<JobsTable>[]; hasNext: boolean; page: number; status?: string }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('jobs.title')} nav="/console/jobs">
      <PageHeading title={t('jobs.title')} lead={t('jobs.lead')} />
      <FilterForm action={'/console/jobs'}>
        <Select
          name="status"
          label={t('field.status')}
          value={p.status}
          blank={t('filters.any')}
          options={Object.entries(jobStatusLabel).map(([value, key]) => ({ value, label: t(key) }))}
        />
      </FilterForm>
      <DataTable
        caption={t('jobs.title')}
        headers={[
          '#',
          t('jobs.kind'),
          t('field.status'),
          t('outbox.attempts'),
          t('jobs.run_at'),
          t('outbox.error'),
          { hidden: t('list.actions') },
        ]}
        empty={p.items.length === 0}
      >
        {p.items.map((j) => (
          <tr key={j.id}>
            <td class="num">{j.id}</td>
            <td class="ltr">
              <code>{j.kind}</code>
            </td>
            <td>
              <Tag tone={j.status === 'parked' ? 'red' : j.status === 'done' ? undefined : 'amber'}>{t(jobStatusLabel[j.status])}</Tag>
            </td>
            <td class="num">
              {j.attempts}/{j.max_attempts}
            </td>
            <td>
              <DateTime value={j.run_at} withTime />
            </td>
            <td class="ltr">{j.last_error ?? ''}</td>
            <td>
              {j.status === 'parked' ? (
                <PostButton action={href(`/console/jobs/${j.id}/retry`)} label={t('action.retry')} tone="secondary" />
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination page={p.page} hasNext={p.hasNext} query={{ status: p.status }} />
    </Layout>
  );
}
