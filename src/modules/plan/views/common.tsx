import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../../messages.ts';
import { type Lang, pick } from '../../../platform/i18n/i18n.ts';
import { DateTime, Day, type Errors, Field, PostButton, Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/Layout.tsx';
import type { KpiDirection, KpiType, PlanStatus, Rating, ReportStatus } from '../plan.tables.ts';

/** The console layout of the plan pages. */
export function PlanLayout({ title, children, nav = '/console/plans' }: { title: string; children: ComponentChildren; nav?: string }) {
  return (
    <Layout title={title} nav={nav}>
      {children}
    </Layout>
  );
}

export const nameOf = (lang: Lang, r: { name_ar: string; name_en: string }) => pick(lang, r, 'name');

export const ratingLabel = {
  green: 'plan.rating.green',
  amber_green: 'plan.rating.amber_green',
  amber: 'plan.rating.amber',
  amber_red: 'plan.rating.amber_red',
  red: 'plan.rating.red',
} as const satisfies Record<Rating, MessageKey>;

export const ratingDefinition = {
  green: 'plan.rating_def.green',
  amber_green: 'plan.rating_def.amber_green',
  amber: 'plan.rating_def.amber',
  amber_red: 'plan.rating_def.amber_red',
  red: 'plan.rating_def.red',
} as const satisfies Record<Rating, MessageKey>;

const ratingTone: Record<Rating, 'grey' | 'amber' | 'red' | undefined> = {
  green: undefined,
  amber_green: undefined,
  amber: 'amber',
  amber_red: 'red',
  red: 'red',
};

/** A rating as a tag (always with its name: never colour alone), or a dash when there is none. */
export function RatingTag({ rating }: { rating: Rating | null }) {
  const { t } = usePage();
  if (!rating) return <span class="muted">{t('plan.rating.none')}</span>;
  return (
    <span class={`plan-rating plan-rating-${rating}`}>
      <Tag tone={ratingTone[rating]}>{t(ratingLabel[rating])}</Tag>
    </span>
  );
}

export const planStatusLabel = {
  draft: 'plan.status.draft',
  approved: 'plan.status.approved',
  active: 'plan.status.active',
  closed: 'plan.status.closed',
} as const satisfies Record<PlanStatus, MessageKey>;

export const reportStatusLabel = {
  draft: 'plan.report_status.draft',
  submitted: 'plan.report_status.submitted',
  returned: 'plan.report_status.returned',
  accepted: 'plan.report_status.accepted',
  missing: 'plan.report_status.missing',
} as const satisfies Record<ReportStatus | 'missing', MessageKey>;

const reportTone: Record<ReportStatus | 'missing', 'grey' | 'amber' | 'red' | undefined> = {
  draft: 'grey',
  submitted: 'amber',
  returned: 'red',
  accepted: undefined,
  missing: 'red',
};

export function ReportStatusTag({ status }: { status: ReportStatus | 'missing' }) {
  const { t } = usePage();
  return <Tag tone={reportTone[status]}>{t(reportStatusLabel[status])}</Tag>;
}

export const kpiTypeLabel = {
  number: 'plan.kpi_type.number',
  percentage: 'plan.kpi_type.percentage',
  yes_no: 'plan.kpi_type.yes_no',
} as const satisfies Record<KpiType, MessageKey>;

export const directionLabel = {
  increase: 'plan.direction.increase',
  decrease: 'plan.direction.decrease',
} as const satisfies Record<KpiDirection, MessageKey>;

/** A share 0..1 as a percentage in the page's digits, or a dash. */
export function usePct() {
  const { num } = usePage();
  return (v: number | null | undefined) => (v === null || v === undefined ? '—' : num(v, { style: 'percent', maximumFractionDigits: 1 }));
}

/** A calendar day in both calendars (the platform's). */
export { Day };

/** The Arabic and English name fields each of the plan forms starts with. */
export function NameFields({ values, errors }: { values: Record<string, unknown>; errors?: Errors }) {
  const { t } = usePage();
  const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  return (
    <>
      <Field name="name_ar" label={t('plan.field.name_ar')} value={str(values.name_ar)} errors={errors} lang="ar" dir="rtl" required />
      <Field name="name_en" label={t('plan.field.name_en')} value={str(values.name_en)} errors={errors} lang="en" dir="ltr" required />
    </>
  );
}

/** A table's header row: one column heading per label. */
export function Head({ cols }: { cols: string[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c) => (
          <th scope="col" key={c}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The "show archived" filter of a list: a plain link that adds or drops `?archived=1` (no script). */
export function ArchivedToggle({ shown, count }: { shown: boolean; count: number }) {
  const { t, href, path } = usePage();
  const base = path.split('?')[0];
  if (count === 0 && !shown) return null;
  return (
    <p>
      <a href={href(shown ? base : `${base}?archived=1`)}>{shown ? t('plan.archive.hide') : t('plan.archive.show', { count })}</a>
    </p>
  );
}

/** The archive (or restore) panel of an edit page: what archiving keeps, and the button. */
export function ArchivePanel({ action, archivedAt }: { action: string; archivedAt: string | null }) {
  const { t, href } = usePage();
  return (
    <section class="panel" aria-labelledby="archive-heading">
      <h2 id="archive-heading">{t(archivedAt ? 'plan.archive.archived_title' : 'plan.archive.title')}</h2>
      {archivedAt ? (
        <p>
          {t('plan.archive.archived_on')} <DateTime value={archivedAt} withTime />
        </p>
      ) : (
        <p class="hint">{t('plan.archive.hint')}</p>
      )}
      <PostButton
        action={href(`${action}/${archivedAt ? 'restore' : 'archive'}`)}
        label={t(archivedAt ? 'plan.archive.restore' : 'plan.archive.button')}
        tone="secondary"
      />
    </section>
  );
}
