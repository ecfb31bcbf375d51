import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, Choices, Csrf, ErrorSummary, type Errors, Field, Select } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { FrameworkRow } from '../repo/frameworks.repo.ts';
import type { RoundRow } from '../repo/rounds.repo.ts';
import { MeasureLayout, nameOf, RoundDates, RoundStatusTag } from './common.tsx';

export function MeasureHomePage(p: { rounds: RoundRow[]; canAdminister: boolean; canOversee: boolean }) {
  const { t, href, lang } = usePage();
  return (
    <MeasureLayout title={t('measure.title')}>
      <PageHeading title={t('measure.title')} lead={t('measure.lead')} />
      {p.canOversee ? (
        <div class="actions">
          {p.canAdminister ? (
            <a class="button" href={href('/console/measure/rounds/new')}>
              {t('measure.round.new')}
            </a>
          ) : null}
          <a class="button secondary" href={href('/console/measure/frameworks')}>
            {t('measure.frameworks.title')}
          </a>
        </div>
      ) : null}
      <h2>{t('measure.rounds.title')}</h2>
      {p.rounds.length === 0 ? (
        <p>{t('measure.rounds.none')}</p>
      ) : (
        <ul class="cards round-cards">
          {p.rounds.map((r) => (
            <li class="card" key={r.id}>
              <h3>
                <a href={href(`/console/measure/rounds/${r.id}`)}>{nameOf(lang, r)}</a>
              </h3>
              <p>
                <RoundStatusTag round={r} /> <span class="ltr muted">{r.code}</span>
              </p>
              <RoundDates round={r} />
            </li>
          ))}
        </ul>
      )}
    </MeasureLayout>
  );
}

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** Creating a round, or changing one (all of it while a draft; names, close date and reminders once open). */
export function RoundFormPage(p: {
  mode: 'new' | 'edit';
  round?: RoundRow;
  values: Values;
  errors?: Errors;
  frameworks: FrameworkRow[];
  agencies: Agency[];
}) {
  const { t, href, lang } = usePage();
  const full = p.mode === 'new' || p.round?.status === 'draft';
  const title = p.mode === 'new' ? t('measure.round.new') : t('measure.round.edit', { name: p.round ? nameOf(lang, p.round) : '' });
  const action = p.mode === 'new' ? href('/console/measure/rounds/new') : href(`/console/measure/rounds/${p.round?.id}/edit`);
  const selected = ([] as unknown[]).concat(p.values.agency_ids ?? []).map(String);
  return (
    <MeasureLayout title={title}>
      <Breadcrumbs items={[{ href: '/console/measure', label: t('measure.title') }, { label: title }]} />
      <PageHeading title={title} lead={full ? t('measure.round.form_lead') : t('measure.round.form_lead_open')} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={action} class="panel">
        <Csrf />
        {full ? (
          <Field
            name="code"
            label={t('measure.round.code')}
            hint={t('measure.round.code_hint')}
            value={str(p.values.code)}
            dir="ltr"
            errors={p.errors}
            required
          />
        ) : null}
        <Field
          name="name_ar"
          label={t('measure.round.name_ar')}
          value={str(p.values.name_ar)}
          lang="ar"
          dir="rtl"
          errors={p.errors}
          required
        />
        <Field
          name="name_en"
          label={t('measure.round.name_en')}
          value={str(p.values.name_en)}
          lang="en"
          dir="ltr"
          errors={p.errors}
          required
        />
        {full ? (
          <>
            <Select
              name="framework_id"
              label={t('measure.round.framework')}
              hint={t('measure.round.framework_hint')}
              value={str(p.values.framework_id)}
              options={p.frameworks.map((f) => ({ value: String(f.id), label: `${nameOf(lang, f)} — ${f.version}` }))}
              errors={p.errors}
            />
            <Field
              name="period_from"
              type="date"
              label={t('measure.round.period_from')}
              value={str(p.values.period_from)}
              errors={p.errors}
              required
            />
            <Field
              name="period_to"
              type="date"
              label={t('measure.round.period_to')}
              value={str(p.values.period_to)}
              errors={p.errors}
              required
            />
            <Field
              name="opens_on"
              type="date"
              label={t('measure.round.opens_on')}
              value={str(p.values.opens_on)}
              errors={p.errors}
              required
            />
          </>
        ) : null}
        <Field
          name="closes_on"
          type="date"
          label={t('measure.round.closes_on')}
          hint={t('measure.round.closes_hint')}
          value={str(p.values.closes_on)}
          errors={p.errors}
          required
        />
        <Field
          name="reminder_days"
          label={t('measure.round.reminder_days')}
          hint={t('measure.round.reminder_hint')}
          value={str(p.values.reminder_days)}
          inputMode="numeric"
          errors={p.errors}
        />
        {full ? (
          <>
            <Choices
              name="scope"
              type="radio"
              legend={t('measure.round.participants')}
              options={[
                { value: 'all', label: t('measure.round.scope_all') },
                { value: 'selected', label: t('measure.round.scope_selected') },
              ]}
              values={[str(p.values.scope) ?? 'selected']}
            />
            <div class="scroll-box">
              <Choices
                name="agency_ids"
                legend={t('measure.round.agencies')}
                options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
                values={selected}
                errors={p.errors}
              />
            </div>
          </>
        ) : null}
        <button type="submit" class="button">
          {t('measure.save')}
        </button>
      </form>
    </MeasureLayout>
  );
}
