import type { ComponentChildren } from 'preact';
import { Breadcrumbs, Csrf, ErrorSummary, type Errors, Field, PostButton, Select, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { InitiativeRow, KpiRow, MilestoneRow, PlanRow, TrackRow } from '../plan.repo.ts';
import { kpiDirections, kpiTypes } from '../plan.tables.ts';
import { ArchivePanel, directionLabel, kpiTypeLabel, NameFields, nameOf, PlanLayout } from './common.tsx';

// Edit pages of a plan's tracks and of an initiative's milestones and KPIs, each with its removal
// (refused, with the reason, when reports carry figures for it).

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

function EditLayout(p: {
  title: string;
  plan: PlanRow;
  initiative?: InitiativeRow;
  action: string;
  remove: { action: string; hint: string };
  /** Milestones and KPIs: the archive panel, `/archive` or `/restore` added to the action. */
  archive?: { action: string; archivedAt: string | null };
  errors?: Errors;
  children: ComponentChildren;
}) {
  const { t, href, lang } = usePage();
  return (
    <PlanLayout title={p.title}>
      <Breadcrumbs
        items={[
          { href: '/console/plans', label: t('plan.title') },
          { href: `/console/plans/${p.plan.id}`, label: nameOf(lang, p.plan) },
          ...(p.initiative ? [{ href: `/console/plans/initiatives/${p.initiative.id}`, label: p.initiative.code }] : []),
          { label: p.title },
        ]}
      />
      <PageHeading title={p.title} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href(p.action)} novalidate>
        <Csrf />
        {p.children}
        <button type="submit" class="button">
          {t('plan.save')}
        </button>
      </form>
      <section class="panel" aria-labelledby="remove-heading">
        <h2 id="remove-heading">{t('plan.remove.title')}</h2>
        <p class="hint">{p.remove.hint}</p>
        <PostButton action={href(p.remove.action)} label={t('plan.remove.button')} confirm={t('plan.remove.confirm')} tone="danger" />
      </section>
      {p.archive ? <ArchivePanel {...p.archive} /> : null}
    </PlanLayout>
  );
}

export function TrackEditPage(p: { plan: PlanRow; track: TrackRow; values: Values; errors?: Errors }) {
  const { t } = usePage();
  return (
    <EditLayout
      title={t('plan.tracks.edit')}
      plan={p.plan}
      action={`/console/plans/tracks/${p.track.id}/edit`}
      remove={{ action: `/console/plans/tracks/${p.track.id}/remove`, hint: t('plan.remove.track_hint') }}
      errors={p.errors}
    >
      <NameFields values={p.values} errors={p.errors} />
      <Field
        name="weight"
        label={t('plan.field.weight')}
        hint={t('plan.field.weight_hint')}
        inputMode="decimal"
        value={str(p.values.weight)}
        errors={p.errors}
      />
    </EditLayout>
  );
}

export function MilestoneEditPage(p: {
  plan: PlanRow;
  initiative: InitiativeRow;
  milestone: MilestoneRow;
  values: Values;
  errors?: Errors;
}) {
  const { t } = usePage();
  return (
    <EditLayout
      title={t('plan.milestones.edit')}
      plan={p.plan}
      initiative={p.initiative}
      action={`/console/plans/milestones/${p.milestone.id}/edit`}
      remove={{ action: `/console/plans/milestones/${p.milestone.id}/remove`, hint: t('plan.remove.milestone_hint') }}
      archive={{ action: `/console/plans/milestones/${p.milestone.id}`, archivedAt: p.milestone.archived_at }}
      errors={p.errors}
    >
      <NameFields values={p.values} errors={p.errors} />
      <Field
        name="weight"
        label={t('plan.field.weight')}
        hint={t('plan.field.weight_hint')}
        inputMode="decimal"
        value={str(p.values.weight)}
        errors={p.errors}
      />
      <Field name="planned_date" type="date" label={t('plan.field.planned_date')} value={str(p.values.planned_date)} errors={p.errors} />
      {p.milestone.evidence_json ? <p class="hint">{t('plan.milestones.auto_note')}</p> : null}
      <Field
        name="service"
        label={t('plan.field.auto_service')}
        hint={t('plan.field.auto_service_hint')}
        value={str(p.values.service)}
        errors={p.errors}
        dir="ltr"
      />
    </EditLayout>
  );
}

export function KpiEditPage(p: { plan: PlanRow; initiative: InitiativeRow; kpi: KpiRow; values: Values; errors?: Errors }) {
  const { t } = usePage();
  const label = useLabel();
  const v = p.values;
  return (
    <EditLayout
      title={t('plan.kpis.edit')}
      plan={p.plan}
      initiative={p.initiative}
      action={`/console/plans/kpis/${p.kpi.id}/edit`}
      remove={{ action: `/console/plans/kpis/${p.kpi.id}/remove`, hint: t('plan.remove.kpi_hint') }}
      archive={{ action: `/console/plans/kpis/${p.kpi.id}`, archivedAt: p.kpi.archived_at }}
      errors={p.errors}
    >
      <NameFields values={v} errors={p.errors} />
      <Field name="unit_ar" label={t('plan.field.unit_ar')} value={str(v.unit_ar)} errors={p.errors} lang="ar" dir="rtl" />
      <Field name="unit_en" label={t('plan.field.unit_en')} value={str(v.unit_en)} errors={p.errors} lang="en" dir="ltr" />
      <p class="hint">{t('plan.kpis.measure_hint')}</p>
      <Select
        name="kpi_type"
        label={t('plan.field.kpi_type')}
        value={str(v.kpi_type)}
        errors={p.errors}
        options={kpiTypes.map((k) => ({ value: k, label: label(kpiTypeLabel, k) }))}
      />
      <Select
        name="direction"
        label={t('plan.field.direction')}
        value={str(v.direction)}
        errors={p.errors}
        options={kpiDirections.map((k) => ({ value: k, label: label(directionLabel, k) }))}
      />
      <Field name="baseline" label={t('plan.field.baseline')} inputMode="decimal" value={str(v.baseline)} errors={p.errors} />
      <Field name="baseline_date" type="date" label={t('plan.field.baseline_date')} value={str(v.baseline_date)} errors={p.errors} />
    </EditLayout>
  );
}

/** The form values of a row being edited. */
export const valuesOf = (row: object): Values => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? undefined : v]));

/** An initiative's form values (its catalog services as identifiers, its partners and dependencies as codes). */
export function initiativeValues(
  i: InitiativeRow,
  services: string[],
  partners: string[],
  dependsOn: string[],
  systems: string[] = [],
): Values {
  return {
    ...valuesOf(i),
    services: services.join(' '),
    partners: partners.join(' '),
    depends_on: dependsOn.join(' '),
    systems: systems.join('\n'),
  };
}

/** The remove button of an initiative (the office), under its edit form. */
export function RemoveInitiative({ initiative }: { initiative: InitiativeRow }) {
  const { t, href } = usePage();
  return (
    <section class="panel" aria-labelledby="remove-heading">
      <h2 id="remove-heading">{t('plan.remove.title')}</h2>
      <p class="hint">{t('plan.remove.initiative_hint')}</p>
      <PostButton
        action={href(`/console/plans/initiatives/${initiative.id}/remove`)}
        label={t('plan.remove.button')}
        confirm={t('plan.remove.confirm')}
        tone="danger"
      />
    </section>
  );
}

/** The archive (or restore) panel of an initiative (the office), under its edit form. */
export function ArchiveInitiative({ initiative }: { initiative: InitiativeRow }) {
  return <ArchivePanel action={`/console/plans/initiatives/${initiative.id}`} archivedAt={initiative.archived_at} />;
}
