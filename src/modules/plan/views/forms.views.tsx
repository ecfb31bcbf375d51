import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, Csrf, ErrorSummary, type Errors, Field, Select, TextArea } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { InitiativeRow, PlanRow, TrackRow } from '../plan.repo.ts';
import { NameFields, nameOf, PlanLayout } from './common.tsx';
import { ArchiveInitiative, RemoveInitiative } from './edit.views.tsx';

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

export function PlanFormPage(p: { values: Values; errors?: Errors; agencies: Agency[] }) {
  const { t, href, lang } = usePage();
  const v = p.values;
  return (
    <PlanLayout title={t('plan.new')}>
      <Breadcrumbs items={[{ href: '/console/plans', label: t('plan.title') }, { label: t('plan.new') }]} />
      <PageHeading title={t('plan.new')} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href('/console/plans/new')} novalidate>
        <Csrf />
        <Field
          name="code"
          label={t('plan.field.code')}
          hint={t('plan.field.code_hint')}
          value={str(v.code)}
          errors={p.errors}
          dir="ltr"
          required
        />
        <NameFields values={v} errors={p.errors} />
        <Select
          name="owner_agency_id"
          label={t('plan.field.owner')}
          hint={t('plan.field.owner_hint')}
          blank={t('plan.owner.national')}
          value={str(v.owner_agency_id)}
          errors={p.errors}
          options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
        />
        <Field name="period_from" type="date" label={t('plan.field.period_from')} value={str(v.period_from)} errors={p.errors} required />
        <Field name="period_to" type="date" label={t('plan.field.period_to')} value={str(v.period_to)} errors={p.errors} required />
        <button type="submit" class="button">
          {t('plan.create')}
        </button>
      </form>
    </PlanLayout>
  );
}

/** A new initiative's form, or (with `initiative`) the form that edits one, with its removal. */
export function InitiativeFormPage(p: {
  plan: PlanRow;
  tracks: TrackRow[];
  agencies: Agency[];
  values: Values;
  errors?: Errors;
  initiative?: InitiativeRow;
}) {
  const { t, href, lang } = usePage();
  const v = p.values;
  const title = p.initiative ? t('plan.initiative.edit') : t('plan.initiative.new');
  return (
    <PlanLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/plans', label: t('plan.title') },
          { href: `/console/plans/${p.plan.id}`, label: nameOf(lang, p.plan) },
          ...(p.initiative ? [{ href: `/console/plans/initiatives/${p.initiative.id}`, label: p.initiative.code }] : []),
          { label: title },
        ]}
      />
      <PageHeading title={title} />
      <ErrorSummary errors={p.errors} />
      <form
        method="post"
        action={href(p.initiative ? `/console/plans/initiatives/${p.initiative.id}/edit` : `/console/plans/${p.plan.id}/initiatives/new`)}
        novalidate
      >
        <Csrf />
        <Field
          name="code"
          label={t('plan.field.code')}
          hint={t('plan.field.code_hint')}
          value={str(v.code)}
          errors={p.errors}
          dir="ltr"
          required
        />
        <NameFields values={v} errors={p.errors} />
        <TextArea
          name="objective_ar"
          label={t('plan.field.objective_ar')}
          value={str(v.objective_ar)}
          errors={p.errors}
          lang="ar"
          dir="rtl"
          rows={3}
        />
        <TextArea
          name="objective_en"
          label={t('plan.field.objective_en')}
          value={str(v.objective_en)}
          errors={p.errors}
          lang="en"
          dir="ltr"
          rows={3}
        />
        <Select
          name="track_id"
          label={t('plan.field.track')}
          value={str(v.track_id)}
          errors={p.errors}
          options={p.tracks.map((tr) => ({ value: String(tr.id), label: nameOf(lang, tr) }))}
        />
        <Select
          name="owner_agency_id"
          label={t('plan.field.owner')}
          blank=""
          value={str(v.owner_agency_id)}
          errors={p.errors}
          options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
        />
        <Field
          name="weight"
          label={t('plan.field.weight')}
          hint={t('plan.field.weight_hint')}
          inputMode="decimal"
          value={str(v.weight)}
          errors={p.errors}
        />
        <Field name="planned_start" type="date" label={t('plan.field.planned_start')} value={str(v.planned_start)} errors={p.errors} />
        <Field name="planned_end" type="date" label={t('plan.field.planned_end')} value={str(v.planned_end)} errors={p.errors} />
        <Field name="budget_sar" label={t('plan.field.budget')} inputMode="decimal" value={str(v.budget_sar)} errors={p.errors} />
        <Field
          name="services"
          label={t('plan.field.services')}
          hint={t('plan.field.services_hint')}
          value={str(v.services)}
          errors={p.errors}
          dir="ltr"
        />
        <Field name="sponsor_ar" label={t('plan.field.sponsor_ar')} value={str(v.sponsor_ar)} errors={p.errors} lang="ar" dir="rtl" />
        <Field name="sponsor_en" label={t('plan.field.sponsor_en')} value={str(v.sponsor_en)} errors={p.errors} lang="en" dir="ltr" />
        <Field
          name="partners"
          label={t('plan.field.partners')}
          hint={t('plan.field.partners_hint')}
          value={str(v.partners)}
          errors={p.errors}
          dir="ltr"
        />
        <Field
          name="depends_on"
          label={t('plan.field.depends_on')}
          hint={t('plan.field.depends_on_hint')}
          value={str(v.depends_on)}
          errors={p.errors}
          dir="ltr"
        />
        <TextArea
          name="systems"
          label={t('plan.field.systems')}
          hint={t('plan.field.systems_hint')}
          value={str(v.systems)}
          errors={p.errors}
          rows={3}
          dir="ltr"
        />
        <button type="submit" class="button">
          {p.initiative ? t('plan.save') : t('plan.create')}
        </button>
      </form>
      {p.initiative ? <RemoveInitiative initiative={p.initiative} /> : null}
      {p.initiative ? <ArchiveInitiative initiative={p.initiative} /> : null}
    </PlanLayout>
  );
}
