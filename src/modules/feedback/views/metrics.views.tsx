import { Chart } from '../../../platform/charts/charts.tsx';
import { monthName } from '../../../platform/i18n/dates.ts';
import { pick } from '../../../platform/i18n/i18n.ts';
import { Field, Pagination, Select } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import { definitionLabel } from '../feedback.labels.ts';
import type { Kpis } from '../feedback.metrics.ts';
import { type BreakdownRow, mostRatedAgencies, type servicePage } from '../metrics.breakdown.ts';
import { barsSvg, trendSvg } from '../metrics.charts.ts';
import { FeedbackNav, useDriverLabel, usePercent } from './parts.tsx';

export interface MetricsData {
  filters: { from: string; to: string; agency?: string; service?: string };
  /** Set when the dashboard is narrowed to one service. */
  serviceName?: string;
  kpis: Kpis;
  trend: BreakdownRow[];
  byAgency?: BreakdownRow[];
  /** One page of the per-service table (absent when narrowed to one service). */
  services?: ReturnType<typeof servicePage>;
  nationalMedian: number | null;
  agencies: Agency[];
  serviceNames: Map<number, string>;
  exportQuery: string;
}

function Kpi({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div class="card">
      <dt>{label}</dt>
      <dd class="stat">{value}</dd>
      {note ? <dd class="muted">{note}</dd> : null}
    </div>
  );
}

function BreakdownTable({
  caption,
  first,
  rows,
  name,
  link,
}: {
  caption: string;
  first: string;
  rows: BreakdownRow[];
  name: (key: string) => string;
  link?: (key: string) => string;
}) {
  const { t, num } = usePage();
  const pct = usePercent();
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col" class="num">
              {t('feedback.kpi.ratings')}
            </th>
            <th scope="col" class="num">
              {t('feedback.kpi.csat')}
            </th>
            <th scope="col" class="num">
              {t('feedback.kpi.trust')}
            </th>
            <th scope="col" class="num">
              {t('feedback.kpi.complaints')}
            </th>
            <th scope="col" class="num">
              {t('feedback.kpi.sla')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{link ? <a href={link(r.key)}>{name(r.key)}</a> : name(r.key)}</th>
              <td class="num">{num(r.ratings)}</td>
              <td class="num">{pct(r.csat)}</td>
              <td class="num">{pct(r.trust)}</td>
              <td class="num">{num(r.complaints)}</td>
              <td class="num">{pct(r.sla)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The CX dashboard: KPIs, the monthly trend, scores per driver and comparisons, with CSV/XLSX export. */
export function MetricsPage(p: MetricsData) {
  const { t, lang, href, num } = usePage();
  const pct = usePercent();
  const driver = useDriverLabel();
  const k = p.kpis;
  const agencyName = new Map(p.agencies.map((a) => [String(a.id), pick(lang, a, 'name')]));
  const months = p.trend.map((r) => monthName(lang, r.key));
  const median = p.nationalMedian;
  const shownAgencies = p.byAgency ? mostRatedAgencies(p.byAgency, agencyName) : [];
  return (
    <Layout title={t('feedback.metrics.title')} nav="/console/feedback">
      <PageHeading
        title={t('feedback.metrics.title')}
        lead={p.serviceName ? t('feedback.metrics.for_service', { service: p.serviceName }) : t('feedback.metrics.lead')}
      />
      <FeedbackNav current="/console/feedback/metrics" />
      <form method="get" action={href('/console/feedback/metrics')} class="filters panel" aria-label={t('filters.label')}>
        <Field name="from" type="date" label={t('filters.from')} value={p.filters.from} />
        <Field name="to" type="date" label={t('filters.to')} value={p.filters.to} />
        <Select
          name="agency"
          label={t('feedback.field.agency')}
          value={p.filters.agency}
          blank={p.byAgency ? t('feedback.metrics.nation') : undefined}
          options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
        />
        {p.filters.service ? <input type="hidden" name="service" value={p.filters.service} /> : null}
        <button type="submit" class="button secondary">
          {t('filters.apply')}
        </button>
      </form>
      <p class="actions">
        <a href={`/console/feedback/metrics/export?${p.exportQuery}&format=csv&lang=${lang}`}>{t('feedback.metrics.export_csv')}</a>
        <a href={`/console/feedback/metrics/export?${p.exportQuery}&format=xlsx&lang=${lang}`}>{t('feedback.metrics.export_xlsx')}</a>
        <a href={`/api/v1/feedback/kpis?${new URLSearchParams({ from: p.filters.from, to: p.filters.to })}`}>
          {t('feedback.metrics.open_data')}
        </a>
      </p>
      <dl class="grid cards">
        <Kpi label={t('feedback.kpi.ratings')} value={num(k.ratings)} />
        <Kpi
          label={t('feedback.kpi.csat')}
          value={pct(k.csat.rate)}
          note={median !== null ? t('feedback.metrics.vs_national', { rate: pct(median) }) : undefined}
        />
        <Kpi label={t('feedback.kpi.trust')} value={pct(k.trust.rate)} />
        <Kpi
          label={t('feedback.kpi.complaints')}
          value={num(k.complaints)}
          note={k.complaintsPer1000 === null ? undefined : t('feedback.kpi.per1000', { n: num(Math.round(k.complaintsPer1000 * 10) / 10) })}
        />
        <Kpi
          label={t('feedback.kpi.median_first_response')}
          value={
            k.medianFirstResponseHours === null ? '—' : t('feedback.hours', { count: Math.round(k.medianFirstResponseHours * 10) / 10 })
          }
        />
        <Kpi label={t('feedback.kpi.sla')} value={pct(k.sla.rate)} note={t('feedback.kpi.of_cases', { count: k.sla.cases })} />
        <Kpi label={t('feedback.kpi.reopen')} value={pct(k.reopen.rate)} />
        <Kpi label={t('feedback.kpi.case_satisfaction')} value={pct(k.caseSatisfaction.rate)} />
      </dl>
      <Chart
        id="trend"
        lang={lang}
        title={t('feedback.metrics.trend')}
        svg={trendSvg(lang, months, [
          { name: t('feedback.kpi.csat'), values: p.trend.map((r) => r.csat) },
          { name: t('feedback.kpi.trust'), values: p.trend.map((r) => r.trust) },
        ])}
        table={{
          caption: t('feedback.metrics.data_table'),
          columns: [
            t('feedback.metrics.month'),
            t('feedback.kpi.ratings'),
            t('feedback.kpi.csat'),
            t('feedback.kpi.trust'),
            t('feedback.kpi.complaints'),
            t('feedback.kpi.sla'),
          ],
          rows: p.trend.map((r, i) => [months[i], r.ratings, pct(r.csat), pct(r.trust), r.complaints, pct(r.sla)]),
        }}
      />
      <Chart
        id="drivers"
        lang={lang}
        title={t('feedback.metrics.drivers')}
        svg={barsSvg(
          lang,
          k.drivers.map((d) => driver(d.driver)),
          k.drivers.map((d) => d.rate),
        )}
        table={{
          caption: t('feedback.metrics.data_table'),
          columns: [t('feedback.metrics.driver'), t('feedback.metrics.responses'), t('feedback.metrics.agree'), t('feedback.metrics.mean')],
          rows: k.drivers.map((d) => [driver(d.driver), d.responses, pct(d.rate), d.mean === null ? null : Math.round(d.mean * 100) / 100]),
        }}
      />
      {p.byAgency?.length ? (
        <Chart
          id="agencies"
          lang={lang}
          title={t('feedback.metrics.by_agency')}
          svg={barsSvg(
            lang,
            shownAgencies.map((r) => agencyName.get(r.key) ?? r.key),
            shownAgencies.map((r) => r.csat),
            { name: t('feedback.kpi.national_median'), value: median },
          )}
          note={
            <>
              <p class="muted">
                {median === null ? t('feedback.metrics.no_median') : t('feedback.metrics.vs_national', { rate: pct(median) })}
              </p>
              {shownAgencies.length < p.byAgency.length ? (
                <p class="muted">{t('feedback.metrics.agencies_showing', { shown: shownAgencies.length, total: p.byAgency.length })}</p>
              ) : null}
            </>
          }
          table={{
            caption: t('feedback.metrics.data_table'),
            columns: [
              t('feedback.field.agency'),
              t('feedback.kpi.ratings'),
              t('feedback.kpi.csat'),
              t('feedback.kpi.trust'),
              t('feedback.kpi.complaints'),
              t('feedback.kpi.sla'),
            ],
            rows: shownAgencies.map((r) => [
              agencyName.get(r.key) ?? r.key,
              r.ratings,
              pct(r.csat),
              pct(r.trust),
              r.complaints,
              pct(r.sla),
            ]),
          }}
        />
      ) : null}
      {p.services ? <ServiceTable services={p.services} filters={p.filters} names={p.serviceNames} /> : null}
      <p class="muted">{t('feedback.metrics.definitions')}</p>
      {Object.entries(definitionLabel).map(([d, key]) => (
        <p key={d} class="muted">
          {t(key)}
        </p>
      ))}
    </Layout>
  );
}

/**
 * Services one page at a time (50, the most rated first) with a box to find one by name: a country's
 * thousand services in one table made the page 275 KB. Every service is in the CSV/XLSX export.
 */
function ServiceTable({
  services,
  filters,
  names,
}: {
  services: ReturnType<typeof servicePage>;
  filters: MetricsData['filters'];
  names: ReadonlyMap<number, string>;
}) {
  const { t, href } = usePage();
  const keep = { from: filters.from, to: filters.to, agency: filters.agency };
  return (
    <section aria-labelledby="by-service">
      <h2 id="by-service">{t('feedback.metrics.by_service')}</h2>
      <form
        method="get"
        action={href('/console/feedback/metrics')}
        class="filters panel"
        role="search"
        aria-label={t('feedback.metrics.find_service')}
      >
        {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
        <Field name="q" type="search" label={t('feedback.metrics.find_service')} value={services.q} />
        <button type="submit" class="button secondary">
          {t('filters.apply')}
        </button>
      </form>
      {services.total ? (
        <>
          <p>
            {t('feedback.metrics.services_showing', {
              from: services.from + 1,
              to: services.from + services.rows.length,
              total: services.total,
            })}
          </p>
          <BreakdownTable
            caption={t('feedback.metrics.by_service')}
            first={t('feedback.field.service')}
            rows={services.rows}
            name={(key) => names.get(Number(key)) ?? key}
            link={(key) => `${href('/console/feedback/metrics')}?from=${filters.from}&to=${filters.to}&service=${key}`}
          />
          <Pagination page={services.page} hasNext={services.page < services.pages} query={{ ...keep, q: services.q }} />
        </>
      ) : (
        <p>{services.q ? t('feedback.metrics.no_service_match', { q: services.q }) : t('feedback.metrics.no_data')}</p>
      )}
    </section>
  );
}
