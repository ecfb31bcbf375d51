import { translate } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, Csrf, DataTable, ErrorSummary, type Errors, SheetUploadForm } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import {
  type groupProblems,
  type ImportColumn,
  importColumns,
  MEASURE_IMPORT_LIMITS,
  type Outcome,
  type PlannedRow,
  type Uploader,
} from '../bulk.service.ts';
import type { UploadRow } from '../repo/answers.repo.ts';
import type { RoundRow } from '../repo/rounds.repo.ts';
import { MeasureLayout, nameOf } from './common.tsx';

const required: ImportColumn[] = ['agency', 'question', 'value'];

/** A column named in the page's language, with its key (the heading the file may use). */
function ColumnName({ column }: { column: ImportColumn | 'file' }) {
  const { lang, t } = usePage();
  if (column === 'file') return <>{t('measure.import.file')}</>;
  return (
    <>
      {lang === 'ar' ? importColumns[column] : column} (<span dir="ltr">{lang === 'ar' ? column : importColumns[column]}</span>)
    </>
  );
}

function crumbs(round: RoundRow, lang: 'ar' | 'en', t: (k: 'measure.title' | 'measure.import.title') => string, last?: string) {
  return [
    { href: '/console/measure', label: t('measure.title') },
    { href: `/console/measure/rounds/${round.id}`, label: nameOf(lang, round) },
    ...(last
      ? [{ href: `/console/measure/rounds/${round.id}/import`, label: t('measure.import.title') }, { label: last }]
      : [{ label: t('measure.import.title') }]),
  ];
}

/** The upload form: who it is for, the template, the columns (both headings accepted) and the limits. */
export function AnswersImportPage({ round, who, errors }: { round: RoundRow; who: Uploader; errors?: Errors }) {
  const { t, href, num, lang } = usePage();
  return (
    <MeasureLayout title={t('measure.import.title')}>
      <Breadcrumbs items={crumbs(round, lang, t)} />
      <PageHeading
        title={t('measure.import.title')}
        caption={nameOf(lang, round)}
        lead={t(who === 'office' ? 'measure.import.lead_office' : 'measure.import.lead_agency')}
      />
      <ErrorSummary errors={errors} />
      <p>
        <a href={`/measure/rounds/${round.id}/answers-template.csv`} download>
          {t('measure.import.template')}
        </a>
      </p>
      <SheetUploadForm
        action={href(`/console/measure/rounds/${round.id}/import`)}
        label={t('measure.import.file')}
        hint={t('measure.import.file_hint', {
          mb: num(MEASURE_IMPORT_LIMITS.maxBytes / 1024 / 1024),
          rows: num(MEASURE_IMPORT_LIMITS.maxRows),
        })}
        submit={t('measure.import.preview')}
        errors={errors}
      />
      <h2>{t('measure.import.columns_title')}</h2>
      <DataTable
        caption={t('measure.import.columns_title')}
        headers={[t('measure.import.column_en'), t('measure.import.column_ar'), t('measure.import.column_required')]}
        empty={false}
      >
        {(Object.keys(importColumns) as ImportColumn[]).map((key) => (
          <tr key={key}>
            <td dir="ltr">{key}</td>
            <td lang="ar" dir="rtl">
              {importColumns[key]}
            </td>
            <td>{required.includes(key) ? t('measure.import.column_required') : '—'}</td>
          </tr>
        ))}
      </DataTable>
    </MeasureLayout>
  );
}

export interface PreviewProps {
  round: RoundRow;
  upload: UploadRow;
  rows: PlannedRow[];
  counts: Record<Outcome, number>;
  groups: ReturnType<typeof groupProblems>;
}

/** The dry run: counts, the refusals grouped by reason with the rows they affect, then every row. */
export function AnswersPreviewPage({ round, upload, rows, counts, groups }: PreviewProps) {
  const { t, href, num, lang } = usePage();
  const outcome: Record<Outcome, string> = {
    new: t('measure.import.outcome_new'),
    changed: t('measure.import.outcome_changed'),
    unchanged: t('measure.import.outcome_unchanged'),
    refused: t('measure.import.outcome_refused'),
  };
  const sep = lang === 'ar' ? '، ' : ', ';
  const rowList = (xs: number[]) =>
    xs
      .slice(0, 20)
      .map((n) => num(n))
      .join(sep) + (xs.length > 20 ? '…' : '');
  return (
    <MeasureLayout title={t('measure.import.preview_title')}>
      <Breadcrumbs items={crumbs(round, lang, t, t('measure.import.preview_title'))} />
      <PageHeading title={t('measure.import.preview_title')} caption={upload.file_name} lead={t('measure.import.dry_run')} />
      <p>
        {t('measure.import.summary', {
          rows: num(rows.length),
          new: num(counts.new),
          changed: num(counts.changed),
          unchanged: num(counts.unchanged),
          refused: num(counts.refused),
        })}
      </p>
      <p>
        <a href={href(`/console/measure/rounds/${round.id}/import/${upload.id}/report.csv`)} download>
          {t('measure.import.download_report')}
        </a>
      </p>
      {counts.refused === 0 ? (
        <form method="post" action={href(`/console/measure/rounds/${round.id}/import/${upload.id}/apply`)}>
          <Csrf />
          <button type="submit" class="button">
            {t('measure.import.apply')}
          </button>
        </form>
      ) : (
        <>
          <p>
            <strong>{t('measure.import.fix_first')}</strong>
          </p>
          <DataTable
            caption={t('measure.import.reasons_title')}
            headers={[t('measure.import.reason'), t('measure.import.column'), t('measure.import.count'), t('measure.import.rows_affected')]}
            empty={groups.length === 0}
          >
            {groups.map((g) => (
              <tr key={`${g.column}|${g.key}`}>
                <td>{translate(lang, g.key, g.params)}</td>
                <td>
                  <ColumnName column={g.column} />
                </td>
                <td class="num">{num(g.rows.length)}</td>
                <td>{rowList(g.rows)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      <DataTable
        caption={t('measure.import.preview_title')}
        headers={[t('measure.import.row'), t('measure.import.outcome'), t('measure.import.problems')]}
        empty={rows.length === 0}
      >
        {rows.map((r) => (
          <tr key={r.row}>
            <td class="num">{num(r.row)}</td>
            <td>
              <span dir="ltr">
                {r.agency} · {r.question}
              </span>{' '}
              — {outcome[r.outcome]}
            </td>
            <td>
              {r.problems.length ? (
                <ul>
                  {r.problems.map((p, i) => (
                    <li key={i}>
                      <ColumnName column={p.column} />: {translate(lang, p.key, p.params)}
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
    </MeasureLayout>
  );
}
