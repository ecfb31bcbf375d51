import { Breadcrumbs, Csrf, ErrorSummary, type Errors, Field } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { OfferingRow, ProgrammeRow, SessionRow } from '../training.repo.ts';
import { TrainingLayout, titleOf } from './common.tsx';

// The office's edit forms for an offering (dates, place, link, seats) and one session (its times).

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

export function OfferingEditPage(p: { offering: OfferingRow; programme: ProgrammeRow; values: Values; errors?: Errors }) {
  const { t, href, lang } = usePage();
  const v = p.values;
  return (
    <TrainingLayout title={t('training.edit.offering')}>
      <Breadcrumbs
        items={[
          { href: '/console/training', label: t('training.title') },
          { href: `/console/training/programmes/${p.programme.id}`, label: titleOf(lang, p.programme) },
          { href: `/console/training/offerings/${p.offering.id}`, label: t('training.offering.one') },
          { label: t('training.edit.offering') },
        ]}
      />
      <PageHeading title={t('training.edit.offering')} caption={titleOf(lang, p.programme)} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href(`/console/training/offerings/${p.offering.id}/edit`)} class="panel" novalidate>
        <Csrf />
        <Field name="starts_on" type="date" label={t('training.field.starts_on')} value={str(v.starts_on)} errors={p.errors} required />
        <Field name="ends_on" type="date" label={t('training.field.ends_on')} value={str(v.ends_on)} errors={p.errors} required />
        <Field
          name="location_ar"
          label={t('training.field.location_ar')}
          value={str(v.location_ar)}
          errors={p.errors}
          lang="ar"
          dir="rtl"
        />
        <Field
          name="location_en"
          label={t('training.field.location_en')}
          value={str(v.location_en)}
          errors={p.errors}
          lang="en"
          dir="ltr"
        />
        <Field name="online_url" type="url" label={t('training.field.online_url')} value={str(v.online_url)} errors={p.errors} dir="ltr" />
        <Field
          name="capacity"
          label={t('training.field.capacity')}
          value={str(v.capacity)}
          errors={p.errors}
          inputMode="numeric"
          required
        />
        <button type="submit" class="button">
          {t('training.save')}
        </button>
      </form>
    </TrainingLayout>
  );
}

export function SessionEditPage(p: {
  session: SessionRow;
  offering: OfferingRow;
  programme: ProgrammeRow;
  values: Values;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  return (
    <TrainingLayout title={t('training.edit.session')}>
      <Breadcrumbs
        items={[
          { href: '/console/training', label: t('training.title') },
          { href: `/console/training/programmes/${p.programme.id}`, label: titleOf(lang, p.programme) },
          { href: `/console/training/offerings/${p.offering.id}`, label: t('training.offering.one') },
          { label: t('training.edit.session') },
        ]}
      />
      <PageHeading title={t('training.edit.session')} caption={titleOf(lang, p.programme)} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href(`/console/training/sessions/${p.session.id}/edit`)} class="panel" novalidate>
        <Csrf />
        <Field
          name="starts_at"
          type="datetime-local"
          label={t('training.field.starts_at')}
          value={str(p.values.starts_at)}
          errors={p.errors}
          required
        />
        <Field
          name="ends_at"
          type="datetime-local"
          label={t('training.field.ends_at')}
          value={str(p.values.ends_at)}
          errors={p.errors}
          required
        />
        <button type="submit" class="button">
          {t('training.save')}
        </button>
      </form>
    </TrainingLayout>
  );
}
