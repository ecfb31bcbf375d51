import type { ComponentChildren } from 'preact';
import { pick } from '../../../platform/i18n/i18n.ts';
import {
  Breadcrumbs,
  Day as CalendarDay,
  DataTable,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { PlannedDowntime } from '../../notify/public.ts';
import type { Incident } from '../availability.repo.ts';
import type { Day } from '../status.service.ts';
import type { Uptime } from '../uptime.ts';
import { CurrentState, errorLabel, HistoryBar, HistoryKey, useDuration, usePercent } from './common.tsx';

export type Named = {
  id: number;
  identifier: string;
  name_ar: string;
  name_en: string;
};

function StatusLayout({ title, children, lang }: { title: string; children: ComponentChildren; lang: string }) {
  return (
    <Layout
      title={title}
      nav="/status"
      head={<link rel="alternate" type="application/atom+xml" href={`/feeds/${lang}/status/incidents.atom`} title={title} />}
    >
      {children}
    </Layout>
  );
}

/** Incidents as a table: service, since, until (or ongoing), how long, and why. */
export function IncidentTable({
  items,
  services,
  caption,
  notices,
}: {
  items: Incident[];
  services: Map<number, Named>;
  caption: string;
  /** The published announcement of an incident, by incident id. */
  notices?: Map<number, number>;
}) {
  const { t, lang, href } = usePage();
  const duration = useDuration();
  return (
    <DataTable
      caption={caption}
      headers={[
        t('availability.field.service'),
        t('availability.field.started'),
        t('availability.field.ended'),
        t('availability.field.duration'),
      ]}
      empty={items.length === 0}
    >
      {items.map((i) => {
        const s = services.get(i.service_id);
        return (
          <tr key={i.id}>
            <td>
              {s ? <a href={href(`/status/services/${s.identifier}`)}>{pick(lang, s, 'name')}</a> : '—'}
              {notices?.get(i.id) ? (
                <>
                  {' — '}
                  <a href={href(`/announcements/${notices.get(i.id)}`)}>{t('availability.announcement_link')}</a>
                </>
              ) : null}
            </td>
            <td>
              <DateTime value={i.started_at} withTime />
            </td>
            <td>{i.ended_at ? <DateTime value={i.ended_at} withTime /> : <strong>{t('availability.ongoing')}</strong>}</td>
            <td>{i.status === 'closed' ? duration(i.duration_seconds) : t('availability.ongoing')}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}

/** Announced planned maintenance, under way or ahead. */
export function Maintenance({ windows }: { windows: PlannedDowntime[] }) {
  const { t, lang } = usePage();
  return (
    <section aria-labelledby="maintenance-h">
      <h2 id="maintenance-h">{t('availability.maintenance')}</h2>
      {windows.length === 0 ? (
        <p>{t('availability.maintenance_none')}</p>
      ) : (
        <ul>
          {windows.map((w) => (
            <li key={w.id}>
              <strong>{lang === 'ar' ? w.title_ar : w.title_en}</strong> — <DateTime value={w.startsAt} withTime /> →{' '}
              <DateTime value={w.endsAt} withTime />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What every status page shows besides its own rows: uptime, incidents (open and past), services by id, maintenance. */
export interface Board {
  uptime: Uptime;
  incidents: Incident[];
  services: Map<number, Named>;
  maintenance: PlannedDowntime[];
  notices: Map<number, number>;
}

/** Incidents closed within the history window. */
function PastIncidents({ board, children }: { board: Board; children?: ComponentChildren }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="past-h">
      <h2 id="past-h">{t('availability.past_incidents')}</h2>
      <IncidentTable
        items={board.incidents.filter((i) => i.status === 'closed')}
        services={board.services}
        caption={t('availability.past_incidents')}
      />
      {children}
    </section>
  );
}

function Summary({ uptime, open }: { uptime: Uptime; open: number }) {
  const { t, num } = usePage();
  const percent = usePercent();
  return (
    <p class="lead">
      {open > 0 ? t('availability.summary.incidents', { count: open }) : t('availability.summary.operational')}{' '}
      {t('availability.summary.uptime', { uptime: percent(uptime.uptime), checks: num(uptime.checks) })}
    </p>
  );
}

/** The box on a catalog service page: the service's state now, with links to its status and performance. */
export function ServiceStatusBox(p: { identifier: string; ok: number | null; open: boolean }) {
  const { t, href } = usePage();
  return (
    <section class="panel" aria-labelledby="service-status-h">
      <h2 id="service-status-h">{t('availability.box.title')}</h2>
      <p>
        <CurrentState ok={p.ok} open={p.open} />
      </p>
      <p>
        <a href={href(`/status/services/${p.identifier}`)}>{t('availability.box.status')}</a>
      </p>
    </section>
  );
}

/** The national status page: every agency's uptime over 90 days, current incidents and planned maintenance. */
export function NationalStatusPage(
  p: Board & { agencies: { agency: Agency; services: number; uptime: Uptime; days: Day[]; open: number }[]; days: Day[] },
) {
  const { t, lang, href, num } = usePage();
  const percent = usePercent();
  const open = p.incidents.filter((i) => i.status === 'open');
  return (
    <StatusLayout title={t('availability.status.title')} lang={lang}>
      <PageHeading title={t('availability.status.title')} lead={t('availability.status.lead')} />
      <Summary uptime={p.uptime} open={open.length} />
      <section aria-labelledby="history-h">
        <h2 id="history-h">{t('availability.history')}</h2>
        <HistoryBar days={p.days} label={t('availability.history_of', { name: t('availability.nation') })} />
        <HistoryKey />
      </section>
      <section aria-labelledby="current-h">
        <h2 id="current-h">{t('availability.current_incidents')}</h2>
        <IncidentTable items={open} services={p.services} notices={p.notices} caption={t('availability.current_incidents')} />
      </section>
      <Maintenance windows={p.maintenance} />
      <section aria-labelledby="agencies-h">
        <h2 id="agencies-h">{t('availability.agencies')}</h2>
        <DataTable
          caption={t('availability.agencies')}
          headers={[
            t('availability.field.agency'),
            t('availability.field.services'),
            t('availability.field.uptime_90'),
            t('availability.field.open'),
          ]}
          empty={p.agencies.length === 0}
        >
          {p.agencies.map((a) => (
            <tr key={a.agency.id}>
              <td>
                <a href={href(`/status/agencies/${a.agency.code}`)}>{pick(lang, a.agency, 'name')}</a>
              </td>
              <td>{num(a.services)}</td>
              <td>{percent(a.uptime.uptime)}</td>
              <td>{num(a.open)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      <PastIncidents board={p}>
        <p>
          <a href={`/feeds/${lang}/status/incidents.atom`}>{t('availability.feed')}</a>
        </p>
      </PastIncidents>
    </StatusLayout>
  );
}

/**
 * Email notices about a service's or an agency's outages, through notify's own subscriptions (double
 * opt-in, unsubscribe link in every email): its outage and "service restored" announcements reach
 * followers once the agency approves them.
 */
function SubscribeBox({ query, name }: { query: string; name: string }) {
  const { t, href } = usePage();
  return (
    <section class="panel" aria-labelledby="subscribe-h">
      <h2 id="subscribe-h">{t('availability.subscribe.title')}</h2>
      <p>{t('availability.subscribe.lead', { name })}</p>
      <p>
        <a class="button secondary" href={href(`/subscribe?${query}`)}>
          {t('availability.subscribe.action')}
        </a>
      </p>
    </section>
  );
}

/** One agency's status page: each monitored service's state and 90 days. */
export function AgencyStatusPage(
  p: Board & { agency: Agency; rows: { service: Named; ok: number | null; open: boolean; uptime: Uptime; days: Day[] }[] },
) {
  const { t, lang, href } = usePage();
  const percent = usePercent();
  const name = pick(lang, p.agency, 'name');
  const open = p.incidents.filter((i) => i.status === 'open');
  return (
    <StatusLayout title={t('availability.status.agency_title', { name })} lang={lang}>
      <Breadcrumbs items={[{ href: '/status', label: t('availability.status.title') }, { label: name }]} />
      <PageHeading title={t('availability.status.agency_title', { name })} />
      <Summary uptime={p.uptime} open={open.length} />
      <IncidentTable items={open} services={p.services} notices={p.notices} caption={t('availability.current_incidents')} />
      <Maintenance windows={p.maintenance} />
      <section aria-labelledby="services-h">
        <h2 id="services-h">{t('availability.services')}</h2>
        {p.rows.length === 0 ? <p>{t('availability.none_monitored')}</p> : null}
        {p.rows.map((r) => (
          <article key={r.service.id} class="panel status-service">
            <h3>
              <a href={href(`/status/services/${r.service.identifier}`)}>{pick(lang, r.service, 'name')}</a>
            </h3>
            <p>
              <CurrentState ok={r.ok} open={r.open} /> {t('availability.uptime_90', { uptime: percent(r.uptime.uptime) })}
            </p>
            <HistoryBar days={r.days} label={t('availability.history_of', { name: pick(lang, r.service, 'name') })} />
          </article>
        ))}
        <HistoryKey />
      </section>
      <SubscribeBox query={`agency=${encodeURIComponent(p.agency.code)}`} name={name} />
      <PastIncidents board={p} />
    </StatusLayout>
  );
}

/** Figures of a period a reader chose on a service's status page. */
export interface PeriodFigures {
  from: string;
  to: string;
  uptime: Uptime;
  latency: { p50: number | null; p95: number | null; samples: number };
}

/** One service's status page: its channels, 90 days, uptime and response times, a chosen period, incidents. */
export function ServiceStatusPage(p: {
  service: Named;
  agency: Agency;
  probes: { id: number; channel: string; ok: number | null; open: boolean; error: string | null }[];
  days: Day[];
  uptime: { day: Uptime; month: Uptime; quarter: Uptime };
  latency: { day: { p50: number | null; p95: number | null }; month: { p50: number | null; p95: number | null } };
  incidents: Incident[];
  notices: Map<number, number>;
  maintenance: PlannedDowntime[];
  period: { raw: { from: string; to: string }; errors: Errors; figures?: PeriodFigures };
}) {
  const { t, lang, num, href } = usePage();
  const percent = usePercent();
  const name = pick(lang, p.service, 'name');
  const ms = (v: number | null) => (v === null ? t('availability.no_data') : t('availability.ms', { ms: num(v) }));
  const services = new Map([[p.service.id, p.service]]);
  return (
    <StatusLayout title={t('availability.status.service_title', { name })} lang={lang}>
      <Breadcrumbs
        items={[
          { href: '/status', label: t('availability.status.title') },
          { href: `/status/agencies/${p.agency.code}`, label: pick(lang, p.agency, 'name') },
          { label: name },
        ]}
      />
      <PageHeading title={t('availability.status.service_title', { name })} caption={pick(lang, p.agency, 'name')} />
      <DataTable
        caption={t('availability.channels')}
        headers={[t('availability.field.channel'), t('availability.field.state'), t('availability.field.reason')]}
        empty={p.probes.length === 0}
      >
        {p.probes.map((x) => (
          <tr key={x.id}>
            <td>
              {t(
                x.channel === 'mobile'
                  ? 'availability.channel.mobile'
                  : x.channel === 'web'
                    ? 'availability.channel.web'
                    : 'availability.channel.health',
              )}
            </td>
            <td>
              <CurrentState ok={x.ok} open={x.open} />
            </td>
            <td>{x.error && errorLabel[x.error] ? t(errorLabel[x.error] as never) : '—'}</td>
          </tr>
        ))}
      </DataTable>
      <section aria-labelledby="history-h">
        <h2 id="history-h">{t('availability.history')}</h2>
        <HistoryBar days={p.days} label={t('availability.history_of', { name })} />
        <HistoryKey />
      </section>
      <section aria-labelledby="figures-h">
        <h2 id="figures-h">{t('availability.figures')}</h2>
        <dl class="summary-list">
          <dt>{t('availability.field.uptime_1')}</dt>
          <dd>{percent(p.uptime.day.uptime)}</dd>
          <dt>{t('availability.field.uptime_30')}</dt>
          <dd>{percent(p.uptime.month.uptime)}</dd>
          <dt>{t('availability.field.uptime_90')}</dt>
          <dd>{percent(p.uptime.quarter.uptime)}</dd>
          <dt>{t('availability.field.planned_90')}</dt>
          <dd>{percent(p.uptime.quarter.plannedShare)}</dd>
          <dt>{t('availability.field.latency_1')}</dt>
          <dd>{t('availability.latency', { p50: ms(p.latency.day.p50), p95: ms(p.latency.day.p95) })}</dd>
          <dt>{t('availability.field.latency_30')}</dt>
          <dd>{t('availability.latency', { p50: ms(p.latency.month.p50), p95: ms(p.latency.month.p95) })}</dd>
        </dl>
      </section>
      <section aria-labelledby="period-h">
        <h2 id="period-h">{t('availability.period.title')}</h2>
        <p>{t('availability.period.lead')}</p>
        <form method="get" action={href(`/status/services/${encodeURIComponent(p.service.identifier)}`)} class="panel" noValidate>
          <ErrorSummary errors={p.period.errors} labels={{ from: t('availability.period.from'), to: t('availability.period.to') }} />
          <Field name="from" type="date" label={t('availability.period.from')} value={p.period.raw.from} errors={p.period.errors} />
          <Field name="to" type="date" label={t('availability.period.to')} value={p.period.raw.to} errors={p.period.errors} />
          <button type="submit" class="button secondary">
            {t('availability.period.show')}
          </button>
        </form>
        {p.period.figures ? (
          <>
            <h3>
              <CalendarDay value={p.period.figures.from} /> – <CalendarDay value={p.period.figures.to} />
            </h3>
            <dl class="summary-list">
              <dt>{t('availability.period.uptime')}</dt>
              <dd>{percent(p.period.figures.uptime.uptime)}</dd>
              <dt>{t('availability.period.planned')}</dt>
              <dd>{percent(p.period.figures.uptime.plannedShare)}</dd>
              <dt>{t('availability.period.latency')}</dt>
              <dd>{t('availability.latency', { p50: ms(p.period.figures.latency.p50), p95: ms(p.period.figures.latency.p95) })}</dd>
              <dt>{t('availability.period.checks')}</dt>
              <dd>{num(p.period.figures.uptime.checks)}</dd>
            </dl>
          </>
        ) : null}
      </section>
      <Maintenance windows={p.maintenance} />
      <section aria-labelledby="past-h">
        <h2 id="past-h">{t('availability.incidents')}</h2>
        <IncidentTable items={p.incidents} services={services} notices={p.notices} caption={t('availability.incidents')} />
      </section>
      <SubscribeBox query={`service=${encodeURIComponent(p.service.identifier)}`} name={name} />
    </StatusLayout>
  );
}
