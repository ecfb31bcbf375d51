import { Breadcrumbs, DataTable, DryRun, ErrorSummary, type Errors, SheetUploadForm } from '../../../platform/views/components.tsx';
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
  const { t, href, num } = usePage();
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
      <DryRun
        commit={{
          action: href(`/console/kpi/import/${upload.id}/commit`),
          label: t('kpi.import.commit', { rows: num(rows.length) }),
          fixFirst: t('kpi.import.fix_first'),
        }}
        refused={refused}
        caption={t('kpi.import.preview_title')}
        headers={{
          row: t('kpi.import.row'),
          cells: [t('kpi.service'), t('kpi.month')],
          outcome: t('kpi.import.outcome'),
          problems: t('kpi.import.problems'),
        }}
        rows={rows}
        cells={(r) => [r.service, r.month]}
        outcome={(r) => outcome[r.outcome]}
      />
    </KpiLayout>
  );
}
