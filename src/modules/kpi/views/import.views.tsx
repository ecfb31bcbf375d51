import { translate } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, Csrf, DataTable, ErrorSummary, type Errors, SheetUploadForm } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import { columns, KPI_IMPORT_LIMITS, type PlannedRow } from '../kpi.import.ts';
import type { UploadRow } from '../kpi.repo.ts';
import { KpiLayout } from './common.tsx';

/** The upload form, with the columns the file must have (both headings accepted) and the limits. */
export function ImportPage({ errors }: { errors?: Errors }) {
  const { t, href, num } = usePage();
  return (
    <KpiLayout title={t('kpi.import.title')}>
      <Breadcrumbs items={[{ href: '/console/kpi', label: t('kpi.title') }, { label: t('kpi.import.title') }]} />
      <PageHeading title={t('kpi.import.title')} lead={t('kpi.import.lead')} />
      <ErrorSummary errors={errors} />
      <p>
        <a href={href('/console/kpi/template.csv')}>{t('kpi.import.template')}</a>
      </p>
      <SheetUploadForm
        action={href('/console/kpi/import')}
        label={t('kpi.import.file')}
        hint={t('kpi.import.file_hint', { mb: num(KPI_IMPORT_LIMITS.maxBytes / 1024 / 1024), rows: num(KPI_IMPORT_LIMITS.maxRows) })}
        submit={t('kpi.import.preview')}
        errors={errors}
      />
      <h2>{t('kpi.import.columns_title')}</h2>
      <DataTable caption={t('kpi.import.columns_title')} headers={[t('kpi.import.column_en'), t('kpi.import.column_ar')]} empty={false}>
        {Object.entries(columns).map(([key, ar]) => (
          <tr key={key}>
            <td dir="ltr">{key}</td>
            <td lang="ar" dir="rtl">
              {ar}
            </td>
          </tr>
        ))}
      </DataTable>
    </KpiLayout>
  );
}

/** The dry run: what each row would do, the problems of the refused ones, and the commit button when none is refused. */
export function PreviewPage({ upload, rows, refused }: { upload: UploadRow; rows: PlannedRow[]; refused: number }) {
  const { t, href, num, lang } = usePage();
  const outcome = {
    create: t('kpi.outcome.create'),
    update: t('kpi.outcome.update'),
    unchanged: t('kpi.outcome.unchanged'),
    refuse: t('kpi.outcome.refuse'),
  };
  return (
    <KpiLayout title={t('kpi.import.preview_title')}>
      <Breadcrumbs
        items={[
          { href: '/console/kpi', label: t('kpi.title') },
          { href: '/console/kpi/import', label: t('kpi.import.title') },
          { label: t('kpi.import.preview_title') },
        ]}
      />
      <PageHeading title={t('kpi.import.preview_title')} caption={upload.file_name} lead={t('kpi.import.dry_run')} />
      <p>{t('kpi.import.summary', { rows: num(rows.length), refused: num(refused) })}</p>
      {refused === 0 ? (
        <form method="post" action={href(`/console/kpi/import/${upload.id}/commit`)}>
          <Csrf />
          <button type="submit" class="button">
            {t('kpi.import.commit', { rows: num(rows.length) })}
          </button>
        </form>
      ) : (
        <p>
          <strong>{t('kpi.import.fix_first')}</strong>
        </p>
      )}
      <DataTable
        caption={t('kpi.import.preview_title')}
        headers={[t('kpi.import.row'), t('kpi.service'), t('kpi.month'), t('kpi.import.outcome'), t('kpi.import.problems')]}
        empty={rows.length === 0}
      >
        {rows.map((r) => (
          <tr key={r.row}>
            <td class="num">{num(r.row)}</td>
            <td dir="ltr">{r.service}</td>
            <td dir="ltr">{r.month}</td>
            <td>{outcome[r.outcome]}</td>
            <td>
              {r.problems.length ? (
                <ul>
                  {r.problems.map((p, i) => (
                    <li key={i}>
                      <span dir="ltr">{p.field}</span>: {translate(lang, p.key, p.params)}
                    </li>
                  ))}
                </ul>
              ) : (
                '—'
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </KpiLayout>
  );
}
