import { Breadcrumbs, Csrf, ErrorSummary, type Errors, Field, Select } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { nationalProgress } from '../progress.service.ts';
import { Head, TrainingLayout, usePct } from './common.tsx';

type Progress = Awaited<ReturnType<typeof nationalProgress>>;

/** The national progress: each agency's trained staff against its target for the year, and the totals. */
export function ProgressPage(p: {
  d: Progress;
  agencies: Map<number, string>;
  canAdminister: boolean;
  values?: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, href, num, lang } = usePage();
  const pct = usePct();
  const rows = [...p.d.rows].sort(
    (a, b) => (b.share ?? -1) - (a.share ?? -1) || (p.agencies.get(a.agencyId) ?? '').localeCompare(p.agencies.get(b.agencyId) ?? ''),
  );
  const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  return (
    <TrainingLayout title={t('training.progress.title')}>
      <Breadcrumbs items={[{ href: '/console/training', label: t('training.title') }, { label: t('training.progress.title') }]} />
      <PageHeading title={t('training.progress.title')} lead={t('training.progress.lead', { year: String(p.d.year) })} />
      <form method="get" action={href('/console/training/progress')} class="filters panel">
        <Field name="year" label={t('training.field.year')} value={String(p.d.year)} inputMode="numeric" />
        <button type="submit" class="button secondary">
          {t('training.show')}
        </button>
      </form>
      <p>
        {t('training.progress.national', {
          trained: num(p.d.total.trained),
          staff: num(p.d.total.staff),
          share: pct(p.d.total.share),
          hours: num(p.d.total.hours),
        })}
      </p>
      <p>
        <a href={`/console/training/progress.csv?year=${p.d.year}&lang=${lang}`}>{t('training.progress.csv')}</a>
        {' · '}
        <a href={`/console/training/progress.xlsx?year=${p.d.year}&lang=${lang}`}>{t('training.progress.xlsx')}</a>
        {' · '}
        <a href={`/console/training/offerings.xlsx?year=${p.d.year}&lang=${lang}`}>{t('training.offerings.xlsx', { year: p.d.year })}</a>
      </p>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('training.progress.caption', { year: String(p.d.year) })}</caption>
          <Head
            cols={[
              t('training.field.agency'),
              t('training.field.staff'),
              t('training.field.trained'),
              t('training.field.share'),
              t('training.field.target'),
              t('training.field.hours_done'),
            ]}
          />
          <tbody>
            {rows.map((r) => (
              <tr key={r.agencyId}>
                <th scope="row">{p.agencies.get(r.agencyId) ?? ''}</th>
                <td>{num(r.staff)}</td>
                <td>{num(r.trained)}</td>
                <td>{pct(r.share)}</td>
                <td>
                  {r.target === null ? '—' : pct(r.target / 100)}
                  {r.target !== null && r.share !== null
                    ? ` — ${r.share * 100 >= r.target ? t('training.progress.met') : t('training.progress.below')}`
                    : ''}
                </td>
                <td>{num(r.hours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.canAdminister ? (
        <>
          <h2>{t('training.target.title')}</h2>
          <ErrorSummary errors={p.errors} />
          <form method="post" action={href('/console/training/progress/targets')} class="panel" novalidate>
            <Csrf />
            <Select
              name="agency_id"
              label={t('training.field.agency')}
              value={str(p.values?.agency_id)}
              errors={p.errors}
              options={[...p.agencies].map(([id, name]) => ({ value: String(id), label: name }))}
              required
            />
            <Field
              name="year"
              label={t('training.field.year')}
              value={str(p.values?.year ?? p.d.year)}
              errors={p.errors}
              inputMode="numeric"
              required
            />
            <Field
              name="target_pct"
              label={t('training.field.target_pct')}
              value={str(p.values?.target_pct)}
              errors={p.errors}
              inputMode="numeric"
              required
            />
            <button type="submit" class="button">
              {t('training.save')}
            </button>
          </form>
        </>
      ) : null}
    </TrainingLayout>
  );
}
