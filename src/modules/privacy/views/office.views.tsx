import type { Selectable } from 'kysely';
import { periodUnits } from '../../../platform/personal-data.ts';
import {
  Breadcrumbs,
  Choices,
  Csrf,
  DataTable,
  DateTime,
  Day,
  ErrorSummary,
  type Errors,
  Field,
  FilterForm,
  Pagination,
  PostButton,
  Select,
  TextArea,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { accessLog } from '../office.service.ts';
import { breachStatusLabel, unitName } from '../privacy.labels.ts';
import type { PrivacyBreachesTable } from '../privacy.tables.ts';
import { breachStatuses } from '../privacy.tables.ts';
import type { RegisterEntry } from '../register.ts';
import type { purgeRuns } from '../retention.service.ts';
import { OfficeNav } from './office.nav.tsx';
import { Period } from './register.views.tsx';

type Values = Record<string, unknown>;
const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function RetentionPage(p: { entries: RegisterEntry[]; runs: Awaited<ReturnType<typeof purgeRuns>> }) {
  const { t, href, num } = usePage();
  const label = new Map(p.entries.map((e) => [e.kind.key, t(e.kind.label)]));
  const purgeable = p.entries.filter((e) => e.kind.defaultPeriod && e.port.purge);
  return (
    <Layout title={t('privacy.retention.title')} nav="/console/privacy">
      <PageHeading title={t('privacy.retention.title')} lead={t('privacy.retention.lead')} />
      <OfficeNav current="/console/privacy/retention" />
      <DataTable
        caption={t('privacy.retention.title')}
        empty={purgeable.length === 0}
        headers={[
          t('privacy.register.data'),
          t('privacy.register.retention'),
          t('privacy.retention.n'),
          t('privacy.retention.enabled'),
          { hidden: t('privacy.retention.change') },
        ]}
      >
        {purgeable.map((e) => (
          <tr key={e.kind.key}>
            <td>{t(e.kind.label)}</td>
            <td>{t(e.kind.retention)}</td>
            <td>
              <Period period={e.period} />
            </td>
            <td>{t(e.enabled ? 'privacy.retention.on' : 'privacy.retention.off')}</td>
            <td>
              <a href={href(`/console/privacy/retention/${e.kind.key}`)}>
                {t('privacy.retention.change')}
                <span class="visually-hidden"> {t(e.kind.label)}</span>
              </a>
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>{t('privacy.purges.title')}</h2>
      <p>{t('privacy.purges.lead')}</p>
      <PostButton action={href('/console/privacy/retention/run')} label={t('privacy.purges.run')} confirm={t('privacy.purges.confirm')} />
      <DataTable
        caption={t('privacy.purges.title')}
        empty={p.runs.length === 0}
        headers={[t('privacy.purges.when'), t('privacy.purges.trigger'), t('privacy.purges.counts'), t('privacy.purges.files')]}
      >
        {p.runs.map((r) => (
          <tr key={r.id}>
            <td>
              <DateTime value={r.ran_at} withTime />
            </td>
            <td>{t(r.trigger === 'schedule' ? 'privacy.purges.nightly' : 'privacy.purges.office')}</td>
            <td>
              <ul>
                {Object.entries(r.counts).map(([k, n]) => (
                  <li key={k}>
                    {label.get(k) ?? k}: {num(n)}
                  </li>
                ))}
              </ul>
            </td>
            <td class="num">{num(r.files)}</td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

/** The office's period for one data kind. */
export function RetentionForm({ entry: e, values, errors }: { entry: RegisterEntry; values?: Values; errors?: Errors }) {
  const { t, href } = usePage();
  const v = values ?? { enabled: e.enabled ? 'on' : 'off', n: e.period?.n, unit: e.period?.unit };
  const title = t(e.kind.label);
  return (
    <Layout title={title} nav="/console/privacy">
      <Breadcrumbs items={[{ href: '/console/privacy/retention', label: t('privacy.retention.title') }, { label: title }]} />
      <PageHeading title={title} lead={t(e.kind.retention)} />
      <ErrorSummary errors={errors} labels={{ n: t('privacy.retention.n'), unit: t('privacy.retention.unit') }} />
      <p>
        {t('privacy.retention.shipped')} <Period period={e.kind.defaultPeriod} />
      </p>
      <form method="post" action={href(`/console/privacy/retention/${e.kind.key}`)}>
        <Csrf />
        <Field name="n" type="number" min={1} max={1200} label={t('privacy.retention.n')} value={text(v.n)} errors={errors} required />
        <Select
          name="unit"
          label={t('privacy.retention.unit')}
          value={text(v.unit)}
          errors={errors}
          options={periodUnits.map((u) => ({ value: u, label: t(unitName[u]) }))}
        />
        <Select
          name="enabled"
          label={t('privacy.retention.enabled')}
          value={text(v.enabled)}
          errors={errors}
          options={[
            { value: 'on', label: t('privacy.retention.on') },
            { value: 'off', label: t('privacy.retention.off') },
          ]}
        />
        <button type="submit" class="button">
          {t('privacy.retention.save')}
        </button>
      </form>
    </Layout>
  );
}

export function AccessPage({
  log,
  filters,
  page,
}: {
  log: Awaited<ReturnType<typeof accessLog>>;
  filters: Record<string, string | undefined>;
  page: number;
}) {
  const { t } = usePage();
  return (
    <Layout title={t('privacy.access.title')} nav="/console/privacy">
      <PageHeading title={t('privacy.access.title')} lead={t('privacy.access.lead')} />
      <OfficeNav current="/console/privacy/access" />
      <FilterForm action="/console/privacy/access">
        <Field name="actor" label={t('privacy.access.reader')} value={filters.actor} />
        <Select
          name="action"
          label={t('privacy.access.what')}
          value={filters.action}
          blank={t('privacy.filters.any')}
          options={log.actions.map((a) => ({ value: a, label: a }))}
        />
        <Field name="record" label={t('privacy.access.record')} value={filters.record} dir="ltr" />
        <Field name="from" type="date" label={t('filters.from')} value={filters.from} />
        <Field name="to" type="date" label={t('filters.to')} value={filters.to} />
      </FilterForm>
      <DataTable
        caption={t('privacy.access.title')}
        empty={log.rows.length === 0}
        headers={[
          t('privacy.access.when'),
          t('privacy.access.reader'),
          t('privacy.access.what'),
          t('privacy.access.records'),
          t('privacy.access.via'),
        ]}
      >
        {log.rows.map((r) => (
          <tr key={r.seq}>
            <td>
              <DateTime value={r.at} withTime />
            </td>
            <td class="ltr">
              {r.actor_label ?? r.actor_type}
              {r.ip ? <div class="muted">{r.ip}</div> : null}
            </td>
            <td class="ltr">
              <code>{r.action}</code>
            </td>
            <td class="ltr">
              {r.record_type} {r.records.join(', ')}
            </td>
            <td class="ltr">{r.via ?? '—'}</td>
          </tr>
        ))}
      </DataTable>
      <Pagination page={page} hasNext={log.hasNext} query={filters} />
    </Layout>
  );
}

type BreachRow = Selectable<PrivacyBreachesTable>;

export function BreachesPage({ items }: { items: BreachRow[] }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('privacy.breaches.title')} nav="/console/privacy">
      <PageHeading title={t('privacy.breaches.title')} lead={t('privacy.breaches.lead')} />
      <OfficeNav current="/console/privacy/breaches" />
      <p>
        <a class="button" href={href('/console/privacy/breaches/new')}>
          {t('privacy.breaches.new')}
        </a>
      </p>
      <DataTable
        caption={t('privacy.breaches.title')}
        empty={items.length === 0}
        headers={[
          t('privacy.breach.title_field'),
          t('privacy.breach.discovered_on'),
          t('privacy.breach.affected'),
          t('privacy.breach.authority'),
          t('privacy.breach.subjects'),
          t('privacy.breach.status'),
        ]}
      >
        {items.map((b) => (
          <tr key={b.id}>
            <td>
              <a href={href(`/console/privacy/breaches/${b.id}`)}>{b.title}</a>
            </td>
            <td>
              <Day value={b.discovered_on} />
            </td>
            <td class="num">{b.affected}</td>
            <td>
              <Day value={b.authority_notified_on} />
            </td>
            <td>
              <Day value={b.subjects_notified_on} />
            </td>
            <td>{t(breachStatusLabel[b.status])}</td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

export function BreachForm({
  entries,
  id,
  values,
  errors,
}: {
  entries: RegisterEntry[];
  id: number | null;
  values: Values;
  errors?: Errors;
}) {
  const { t, href } = usePage();
  const title = id ? t('privacy.breach.edit', { id }) : t('privacy.breaches.new');
  const kinds = Array.isArray(values.data_kinds) ? (values.data_kinds as string[]) : values.data_kinds ? [String(values.data_kinds)] : [];
  return (
    <Layout title={title} nav="/console/privacy">
      <Breadcrumbs items={[{ href: '/console/privacy/breaches', label: t('privacy.breaches.title') }, { label: title }]} />
      <PageHeading title={title} />
      <ErrorSummary errors={errors} />
      <form method="post" action={href(id ? `/console/privacy/breaches/${id}` : '/console/privacy/breaches')}>
        <Csrf />
        <Field name="title" label={t('privacy.breach.title_field')} value={text(values.title)} errors={errors} required />
        <TextArea name="description" label={t('privacy.breach.description')} value={text(values.description)} errors={errors} required />
        <Field
          name="discovered_on"
          type="date"
          label={t('privacy.breach.discovered_on')}
          value={text(values.discovered_on)}
          errors={errors}
          required
        />
        <Choices
          name="data_kinds"
          legend={t('privacy.breach.kinds')}
          errors={errors}
          values={kinds}
          options={entries.map((e) => ({ value: e.kind.key, label: t(e.kind.label) }))}
        />
        <Field
          name="affected"
          type="number"
          min={0}
          label={t('privacy.breach.affected')}
          value={text(values.affected)}
          errors={errors}
          required
        />
        <Field
          name="authority_notified_on"
          type="date"
          label={t('privacy.breach.authority')}
          hint={t('privacy.breach.authority_hint')}
          value={text(values.authority_notified_on)}
          errors={errors}
        />
        <Field
          name="subjects_notified_on"
          type="date"
          label={t('privacy.breach.subjects')}
          value={text(values.subjects_notified_on)}
          errors={errors}
        />
        <TextArea name="measures" label={t('privacy.breach.measures')} value={text(values.measures)} errors={errors} />
        <Select
          name="status"
          label={t('privacy.breach.status')}
          value={text(values.status || 'open')}
          errors={errors}
          options={breachStatuses.map((s) => ({ value: s, label: t(breachStatusLabel[s]) }))}
        />
        <button type="submit" class="button">
          {t('privacy.breach.save')}
        </button>
      </form>
    </Layout>
  );
}
