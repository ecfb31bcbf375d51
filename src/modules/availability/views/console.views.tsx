import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../../messages.ts';
import { pick } from '../../../platform/i18n/i18n.ts';
import {
  Breadcrumbs,
  Csrf,
  DataTable,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  Select,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Incident, IncidentEvent, Probe } from '../availability.repo.ts';
import { CurrentState, errorLabel, useDuration } from './common.tsx';
import type { Named } from './status.views.tsx';

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

function ConsoleLayout({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <Layout title={title} nav="/console/availability">
      {children}
    </Layout>
  );
}

const eventLabel = {
  opened: 'availability.event.opened',
  drafted: 'availability.event.drafted',
  notified: 'availability.event.notified',
  recovered: 'availability.event.recovered',
  restored_drafted: 'availability.event.restored_drafted',
} as const satisfies Record<IncidentEvent['kind'], MessageKey>;

const reason = (t: (k: MessageKey) => string, code: string | null) => (code && errorLabel[code] ? t(errorLabel[code] as MessageKey) : '—');

/** The console's probes, each with its state, and the way to incidents and a new probe. */
export function ProbesPage(p: { probes: Probe[]; services: Map<number, Named>; open: Set<number>; canCreate: boolean; openCount: number }) {
  const { t, lang, href, num } = usePage();
  return (
    <ConsoleLayout title={t('availability.console.title')}>
      <PageHeading title={t('availability.console.title')} lead={t('availability.console.lead')} />
      <p>
        <a href={href('/console/availability/incidents')}>{t('availability.console.incidents_link', { count: p.openCount })}</a>
        {' · '}
        <a href={href('/status')}>{t('availability.status.title')}</a>
      </p>
      {p.canCreate ? (
        <p>
          <a class="button" href={href('/console/availability/probes/new')}>
            {t('availability.probe.new')}
          </a>
        </p>
      ) : null}
      <DataTable
        caption={t('availability.console.title')}
        headers={[
          t('availability.field.service'),
          t('availability.field.url'),
          t('availability.field.interval'),
          t('availability.field.state'),
          t('availability.field.last_run'),
        ]}
        empty={p.probes.length === 0}
      >
        {p.probes.map((x) => {
          const s = p.services.get(x.service_id);
          return (
            <tr key={x.id}>
              <td>
                <a href={href(`/console/availability/probes/${x.id}`)}>{s ? pick(lang, s, 'name') : `#${x.service_id}`}</a>
              </td>
              <td dir="ltr">{x.url}</td>
              <td>{t('availability.every', { minutes: num(Math.round(x.interval_seconds / 60)) })}</td>
              <td>{x.paused ? t('availability.paused') : <CurrentState ok={x.last_ok} open={p.open.has(x.id)} />}</td>
              <td>
                <DateTime value={x.last_run_at} withTime />
              </td>
            </tr>
          );
        })}
      </DataTable>
    </ConsoleLayout>
  );
}

/** The fields of a probe's settings (shared by the new and edit forms). */
function SettingsFields({ values, errors }: { values: Values; errors?: Errors }) {
  const { t } = usePage();
  const field = (name: string, label: MessageKey, hint?: MessageKey) => (
    <Field name={name} label={t(label)} hint={hint ? t(hint) : undefined} value={str(values[name])} errors={errors} type="number" />
  );
  return (
    <>
      <Field
        name="url"
        label={t('availability.field.url')}
        hint={t('availability.hint.url')}
        value={str(values.url)}
        errors={errors}
        type="url"
      />
      {field('interval_seconds', 'availability.field.interval_seconds', 'availability.hint.interval')}
      {field('timeout_ms', 'availability.field.timeout_ms', 'availability.hint.timeout')}
      {field('expect_status', 'availability.field.expect_status')}
      <Field
        name="expect_text"
        label={t('availability.field.expect_text')}
        hint={t('availability.hint.expect_text')}
        value={str(values.expect_text)}
        errors={errors}
      />
      {field('fail_threshold', 'availability.field.fail_threshold', 'availability.hint.fail_threshold')}
      {field('recover_threshold', 'availability.field.recover_threshold', 'availability.hint.recover_threshold')}
    </>
  );
}

/** A new probe: which service, and how to check it. */
export function NewProbePage(p: { services: Named[]; values: Values; errors?: Errors }) {
  const { t, href, lang } = usePage();
  return (
    <ConsoleLayout title={t('availability.probe.new')}>
      <Breadcrumbs
        items={[{ href: '/console/availability', label: t('availability.console.title') }, { label: t('availability.probe.new') }]}
      />
      <PageHeading title={t('availability.probe.new')} lead={t('availability.probe.new_lead')} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href('/console/availability/probes/new')} novalidate>
        <Csrf />
        <Select
          name="service_id"
          label={t('availability.field.service')}
          blank=""
          required
          value={str(p.values.service_id)}
          errors={p.errors}
          options={p.services.map((s) => ({ value: String(s.id), label: pick(lang, s, 'name') }))}
        />
        <SettingsFields values={p.values} errors={p.errors} />
        <button type="submit" class="button">
          {t('availability.probe.create')}
        </button>
      </form>
    </ConsoleLayout>
  );
}

/** One probe: its settings (editable by its agency and the office), pause/resume, and its latest results. */
export function ProbePage(p: {
  probe: Probe;
  service: Named | undefined;
  results: {
    id: number;
    at: string;
    ok: number;
    planned: number;
    status_code: number | null;
    latency_ms: number | null;
    error: string | null;
  }[];
  canManage: boolean;
  values: Values;
  errors?: Errors;
}) {
  const { t, href, lang, num } = usePage();
  const title = p.service ? pick(lang, p.service, 'name') : `#${p.probe.service_id}`;
  const base = `/console/availability/probes/${p.probe.id}`;
  return (
    <ConsoleLayout title={title}>
      <Breadcrumbs items={[{ href: '/console/availability', label: t('availability.console.title') }, { label: title }]} />
      <PageHeading title={title} caption={t('availability.probe.caption')} lead={p.probe.url} />
      <p>{p.probe.paused ? t('availability.paused') : <CurrentState ok={p.probe.last_ok} open={false} />}</p>
      {p.canManage ? (
        <>
          <PostButton
            action={href(`${base}/${p.probe.paused ? 'resume' : 'pause'}`)}
            label={t(p.probe.paused ? 'availability.probe.resume' : 'availability.probe.pause')}
            tone="secondary"
          />
          <section aria-labelledby="edit-h">
            <h2 id="edit-h">{t('availability.probe.settings')}</h2>
            <ErrorSummary errors={p.errors} />
            <form method="post" action={href(base)} novalidate>
              <Csrf />
              <SettingsFields values={p.values} errors={p.errors} />
              <button type="submit" class="button">
                {t('availability.probe.save')}
              </button>
            </form>
          </section>
        </>
      ) : null}
      <section aria-labelledby="results-h">
        <h2 id="results-h">{t('availability.results')}</h2>
        <DataTable
          caption={t('availability.results')}
          headers={[
            t('availability.field.at'),
            t('availability.field.state'),
            t('availability.field.status_code'),
            t('availability.field.latency'),
            t('availability.field.reason'),
          ]}
          empty={p.results.length === 0}
        >
          {p.results.map((r) => (
            <tr key={r.id}>
              <td>
                <DateTime value={r.at} withTime />
              </td>
              <td>
                {r.ok ? t('availability.current.up') : r.planned ? t('availability.state.planned') : t('availability.current.failing')}
              </td>
              <td>{r.status_code ?? '—'}</td>
              <td>{r.latency_ms === null ? '—' : t('availability.ms', { ms: num(r.latency_ms) })}</td>
              <td>{reason(t, r.error)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </ConsoleLayout>
  );
}

/** Incidents of the agencies in scope, open first. */
export function IncidentsPage(p: { incidents: Incident[]; services: Map<number, Named> }) {
  const { t, href, lang } = usePage();
  const duration = useDuration();
  return (
    <ConsoleLayout title={t('availability.incidents')}>
      <Breadcrumbs
        items={[{ href: '/console/availability', label: t('availability.console.title') }, { label: t('availability.incidents') }]}
      />
      <PageHeading title={t('availability.incidents')} />
      <DataTable
        caption={t('availability.incidents')}
        headers={[
          t('availability.field.service'),
          t('availability.field.started'),
          t('availability.field.ended'),
          t('availability.field.duration'),
        ]}
        empty={p.incidents.length === 0}
      >
        {p.incidents.map((i) => {
          const s = p.services.get(i.service_id);
          return (
            <tr key={i.id}>
              <td>
                <a href={href(`/console/availability/incidents/${i.id}`)}>{s ? pick(lang, s, 'name') : `#${i.service_id}`}</a>
              </td>
              <td>
                <DateTime value={i.started_at} withTime />
              </td>
              <td>{i.ended_at ? <DateTime value={i.ended_at} withTime /> : <strong>{t('availability.ongoing')}</strong>}</td>
              <td>{duration(i.duration_seconds)}</td>
            </tr>
          );
        })}
      </DataTable>
    </ConsoleLayout>
  );
}

/** One incident: what failed, its timeline, and the outage announcement drafted for approval in notify. */
/** A drafted announcement in notify: to review and approve, or published. */
function AnnouncementLink({ a }: { a: { id: number; status: string } | undefined }) {
  const { t, href } = usePage();
  if (!a) return <>{t('availability.incident.no_draft')}</>;
  return (
    <a href={href(`/console/announcements/${a.id}`)}>
      {t(a.status === 'published' ? 'availability.incident.published' : 'availability.incident.review_draft')}
    </a>
  );
}

export function IncidentPage(p: {
  incident: Incident;
  service: Named | undefined;
  url: string | undefined;
  events: IncidentEvent[];
  announcement: { id: number; status: string } | undefined;
  restored: { id: number; status: string } | undefined;
}) {
  const { t, lang, num } = usePage();
  const duration = useDuration();
  const title = t('availability.incident.title', { name: p.service ? pick(lang, p.service, 'name') : `#${p.incident.service_id}` });
  return (
    <ConsoleLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/availability', label: t('availability.console.title') },
          { href: '/console/availability/incidents', label: t('availability.incidents') },
          { label: title },
        ]}
      />
      <PageHeading title={title} lead={p.url} />
      <dl>
        <dt>{t('availability.field.state')}</dt>
        <dd>
          {p.incident.status === 'open'
            ? t('availability.ongoing')
            : t('availability.incident.closed', { duration: duration(p.incident.duration_seconds) })}
        </dd>
        <dt>{t('availability.field.reason')}</dt>
        <dd>{reason(t, p.incident.last_error)}</dd>
        <dt>{t('availability.field.announcement')}</dt>
        <dd>
          <AnnouncementLink a={p.announcement} />
        </dd>
        {p.incident.status === 'closed' && (
          <>
            <dt>{t('availability.field.restored')}</dt>
            <dd>
              <AnnouncementLink a={p.restored} />
            </dd>
          </>
        )}
      </dl>
      <h2>{t('availability.incident.timeline')}</h2>
      <ol class="timeline">
        {p.events.map((e) => (
          <li key={e.id}>
            <DateTime value={e.at} withTime /> — {t(eventLabel[e.kind], { count: num(Number(e.detail) || 0), reason: reason(t, e.detail) })}
          </li>
        ))}
      </ol>
    </ConsoleLayout>
  );
}
