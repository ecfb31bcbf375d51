import type { MessageKey } from '../../../messages.ts';
import { Breadcrumbs, DataTable, DryRun, ErrorSummary, type Errors, SheetUploadForm } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import { type BulkRow, bulkColumns, PLAN_BULK_LIMITS } from '../bulk.service.ts';
import type { PlanRow } from '../plan.repo.ts';
import { nameOf, PlanLayout } from './common.tsx';

// Progress from a file: the upload form with the template and the columns, and the dry run.

const holds = {
  initiative: 'plan.bulk.holds.initiative',
  period: 'plan.bulk.holds.period',
  item: 'plan.bulk.holds.item',
  name: 'plan.bulk.holds.name',
  forecast_date: 'plan.bulk.holds.forecast_date',
  actual_date: 'plan.bulk.holds.actual_date',
  value: 'plan.bulk.holds.value',
} as const satisfies Record<keyof typeof bulkColumns, MessageKey>;

function Crumbs({ plan, last }: { plan: PlanRow; last?: string }) {
  const { t, lang } = usePage();
  return (
    <Breadcrumbs
      items={[
        { href: '/console/plans', label: t('plan.title') },
        { href: `/console/plans/${plan.id}`, label: nameOf(lang, plan) },
        ...(last
          ? [{ href: `/console/plans/${plan.id}/bulk`, label: t('plan.bulk.title') }, { label: last }]
          : [{ label: t('plan.bulk.title') }]),
      ]}
    />
  );
}

export function BulkPage({ plan, errors }: { plan: PlanRow; errors?: Errors }) {
  const { t, href, num } = usePage();
  return (
    <PlanLayout title={t('plan.bulk.title')}>
      <Crumbs plan={plan} />
      <PageHeading title={t('plan.bulk.title')} caption={nameOf(usePage().lang, plan)} lead={t('plan.bulk.lead')} />
      <ErrorSummary errors={errors} />
      <p>
        <a href={href(`/console/plans/${plan.id}/bulk/template.csv`)}>{t('plan.bulk.template')}</a>
      </p>
      <SheetUploadForm
        action={href(`/console/plans/${plan.id}/bulk`)}
        label={t('plan.bulk.file')}
        hint={t('plan.bulk.file_hint', { mb: num(PLAN_BULK_LIMITS.maxBytes / 1024 / 1024), rows: num(PLAN_BULK_LIMITS.maxRows) })}
        submit={t('plan.bulk.preview')}
        errors={errors}
      />
      <h2>{t('plan.bulk.columns_title')}</h2>
      <DataTable
        caption={t('plan.bulk.columns_title')}
        headers={[t('plan.bulk.column_en'), t('plan.bulk.column_ar'), t('plan.bulk.column_holds')]}
        empty={false}
      >
        {(Object.keys(bulkColumns) as (keyof typeof bulkColumns)[]).map((key) => (
          <tr key={key}>
            <td dir="ltr">{key}</td>
            <td lang="ar" dir="rtl">
              {bulkColumns[key]}
            </td>
            <td>{t(holds[key])}</td>
          </tr>
        ))}
      </DataTable>
    </PlanLayout>
  );
}

export function BulkPreviewPage(p: { plan: PlanRow; rows: BulkRow[]; refused: number; storageKey: string; sha256: string }) {
  const { t, href, lang } = usePage();
  const outcome = {
    change: t('plan.bulk.outcome.change'),
    unchanged: t('plan.bulk.outcome.unchanged'),
    refuse: t('plan.bulk.outcome.refuse'),
  };
  const title = t('plan.bulk.preview_title');
  return (
    <PlanLayout title={title}>
      <Crumbs plan={p.plan} last={title} />
      <PageHeading title={title} caption={nameOf(lang, p.plan)} lead={t('plan.bulk.dry_run')} />
      <p>{t('plan.bulk.summary', { rows: p.rows.length, refused: p.refused })}</p>
      <DryRun
        commit={{
          action: href(`/console/plans/${p.plan.id}/bulk/commit`),
          label: t('plan.bulk.commit', { rows: p.rows.length }),
          fixFirst: t('plan.bulk.fix_first'),
          hidden: { key: p.storageKey },
        }}
        refused={p.refused}
        caption={title}
        headers={{
          row: t('plan.bulk.row'),
          cells: [t('plan.field.initiative'), t('plan.field.period_code'), t('plan.bulk.item')],
          outcome: t('plan.bulk.outcome_col'),
          problems: t('plan.bulk.problems'),
        }}
        rows={p.rows}
        cells={(r) => [r.initiative, r.period, r.item]}
        outcome={(r) => outcome[r.outcome]}
      />
      <p class="hint">{t('plan.bulk.file_sha', { sha: p.sha256.slice(0, 12) })}</p>
    </PlanLayout>
  );
}
