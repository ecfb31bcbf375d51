import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, Csrf, ErrorSummary, type Errors, Field, Select, TextArea, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { BranchRow, CycleRow } from '../award.repo.ts';
import { criteriaOf } from '../award.repo.ts';
import { CRITERIA_ROWS, STAGES } from '../award.schema.ts';
import type { Phase } from '../award.service.ts';
import { nomineeKinds, tieBreaks } from '../award.tables.ts';
import { AwardLayout, Head, Instant, nameOf, nomineeKindLabel, phaseLabel, str, tieBreakLabel } from './common.tsx';
import { QuestionsForm } from './questions.views.tsx';

type Values = Record<string, unknown>;

export function CyclesPage(p: { cycles: { cycle: CycleRow; phase: Phase }[]; canAdminister: boolean }) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  return (
    <AwardLayout title={t('award.title')}>
      <PageHeading title={t('award.title')} lead={t('award.lead')} />
      <div class="actions">
        {p.canAdminister ? (
          <a class="button" href={href('/console/award/new')}>
            {t('award.cycle.new')}
          </a>
        ) : null}
        <a class="button secondary" href={href('/award')}>
          {t('award.public.title')}
        </a>
      </div>
      {p.cycles.length === 0 ? (
        <p>{t('award.cycle.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('award.cycle.caption')}</caption>
            <Head cols={[t('award.field.number'), t('award.field.name'), t('award.field.nominations_close_at'), t('award.field.phase')]} />
            <tbody>
              {p.cycles.map(({ cycle, phase }) => (
                <tr key={cycle.id}>
                  <td>{cycle.number}</td>
                  <th scope="row">
                    <a href={href(`/console/award/${cycle.id}`)}>{nameOf(lang, cycle)}</a>
                  </th>
                  <td>
                    <Instant value={cycle.nominations_close_at} />
                  </td>
                  <td>{label(phaseLabel, phase)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AwardLayout>
  );
}

const dateLabels = {
  announced_on: 'award.field.announced_on',
  nominations_open_at: 'award.field.nominations_open_at',
  nominations_close_at: 'award.field.nominations_close_at',
  screening_ends_on: 'award.field.screening_ends_on',
  judging_ends_on: 'award.field.judging_ends_on',
  results_on: 'award.field.results_on',
} as const;

export function CycleFormPage(p: { values: Values; errors?: Errors; cycle?: CycleRow }) {
  const { t, href, lang } = usePage();
  const title = p.cycle ? t('award.cycle.edit') : t('award.cycle.new');
  const v = p.values;
  const f = (name: keyof typeof dateLabels, type: 'date' | 'datetime-local', hint?: string) => (
    <Field
      name={name}
      type={type}
      label={t(dateLabels[name])}
      hint={hint}
      value={str(v[name])}
      errors={p.errors}
      step={type === 'datetime-local' ? 1 : undefined}
      required
    />
  );
  return (
    <AwardLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/award', label: t('award.title') },
          ...(p.cycle ? [{ href: `/console/award/${p.cycle.id}`, label: nameOf(lang, p.cycle) }] : []),
          { label: title },
        ]}
      />
      <PageHeading title={title} lead={p.cycle ? t('award.cycle.edit_lead') : undefined} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href(p.cycle ? `/console/award/${p.cycle.id}/edit` : '/console/award/new')} novalidate>
        <Csrf />
        <Field name="number" label={t('award.field.number')} value={str(v.number)} errors={p.errors} inputMode="numeric" required />
        <Field name="name_ar" label={t('award.field.name_ar')} value={str(v.name_ar)} errors={p.errors} lang="ar" dir="rtl" required />
        <Field name="name_en" label={t('award.field.name_en')} value={str(v.name_en)} errors={p.errors} lang="en" dir="ltr" required />
        <TextArea
          name="rules_ar"
          label={t('award.field.rules_ar')}
          value={str(v.rules_ar)}
          errors={p.errors}
          lang="ar"
          dir="rtl"
          rows={4}
          required
        />
        <TextArea
          name="rules_en"
          label={t('award.field.rules_en')}
          value={str(v.rules_en)}
          errors={p.errors}
          lang="en"
          dir="ltr"
          rows={4}
          required
        />
        {f('announced_on', 'date')}
        {f('nominations_open_at', 'datetime-local', t('award.field.local_time_hint'))}
        {f('nominations_close_at', 'datetime-local', t('award.field.local_time_hint'))}
        {f('screening_ends_on', 'date')}
        {f('judging_ends_on', 'date')}
        {f('results_on', 'date')}
        <Field
          name="judges_per_nomination"
          label={t('award.field.judges_per_nomination')}
          value={str(v.judges_per_nomination)}
          errors={p.errors}
          inputMode="numeric"
          required
        />
        <Select
          name="tie_break"
          label={t('award.field.tie_break')}
          hint={t('award.field.tie_break_hint')}
          value={str(v.tie_break) || 'raw_normalised'}
          errors={p.errors}
          options={tieBreaks.map((k) => ({ value: k, label: t(tieBreakLabel[k]) }))}
        />
        <button type="submit" class="button">
          {p.cycle ? t('award.cycle.save') : t('award.cycle.create')}
        </button>
      </form>
    </AwardLayout>
  );
}

export function CyclePage(p: {
  cycle: CycleRow;
  phase: Phase;
  branches: BranchRow[];
  counts: Map<number, number>;
  can: { administer: boolean; office: boolean; nominate: boolean; judge: boolean };
  form?: 'extend' | 'branch';
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const c = p.cycle;
  const valuesFor = (form: 'extend' | 'branch') => (p.form === form ? (p.values ?? {}) : {});
  const errorsFor = (form: 'extend' | 'branch') => (p.form === form ? p.errors : undefined);
  const bv = valuesFor('branch');
  const be = errorsFor('branch');
  return (
    <AwardLayout title={nameOf(lang, c)}>
      <Breadcrumbs items={[{ href: '/console/award', label: t('award.title') }, { label: nameOf(lang, c) }]} />
      <PageHeading title={nameOf(lang, c)} caption={`${t('award.field.number')} ${num(c.number)} · ${label(phaseLabel, p.phase)}`} />
      <ErrorSummary errors={p.errors} />
      <div class="actions">
        {/* A judge reads nominations through the judging list (only those assigned to them). */}
        {p.can.judge && !p.can.office && !p.can.nominate ? null : (
          <a class="button secondary" href={href(`/console/award/${c.id}/nominations`)}>
            {t('award.nomination.list')}
          </a>
        )}
        {p.can.nominate && p.phase === 'nominating' ? (
          <a class="button" href={href(`/console/award/${c.id}/nominations/new`)}>
            {t('award.nomination.new')}
          </a>
        ) : null}
        {p.can.office ? (
          <>
            <a class="button secondary" href={href(`/console/award/${c.id}/panel`)}>
              {t('award.panel.title')}
            </a>
            <a class="button secondary" href={href(`/console/award/${c.id}/results`)}>
              {t('award.results.title')}
            </a>
          </>
        ) : null}
        {p.can.judge ? (
          <a class="button secondary" href={href(`/console/award/${c.id}/judging`)}>
            {t('award.judging.title')}
          </a>
        ) : null}
        <a href={href(`/award/${c.number}`)}>{t('award.public.page')}</a>
      </div>

      <h2>{t('award.dates.title')}</h2>
      <dl class="facts">
        <dt>{t('award.field.announced_on')}</dt>
        <dd>
          <Instant value={c.announced_at} />
        </dd>
        <dt>{t('award.field.nominations_open_at')}</dt>
        <dd>
          <Instant value={c.nominations_open_at} />
        </dd>
        <dt>{t('award.field.nominations_close_at')}</dt>
        <dd>
          <Instant value={c.nominations_close_at} />
          {c.extended_from ? (
            <p class="muted">
              {t('award.extension.was')} <Instant value={c.extended_from} /> — {c.extension_reason}
            </p>
          ) : null}
        </dd>
        <dt>{t('award.field.screening_ends_on')}</dt>
        <dd>
          <Instant value={c.screening_ends_at} />
        </dd>
        <dt>{t('award.field.judging_ends_on')}</dt>
        <dd>
          <Instant value={c.judging_ends_at} />
        </dd>
        <dt>{t('award.field.results_on')}</dt>
        <dd>
          <Instant value={c.results_at} />
        </dd>
        <dt>{t('award.field.judges_per_nomination')}</dt>
        <dd>{num(c.judges_per_nomination)}</dd>
        <dt>{t('award.field.tie_break')}</dt>
        <dd>{t(tieBreakLabel[c.tie_break])}</dd>
      </dl>
      <h2>{t('award.field.rules')}</h2>
      <p class="prewrap">{pick(lang, c, 'rules')}</p>
      {p.can.administer && !c.results_published_at ? (
        <p>
          <a href={href(`/console/award/${c.id}/edit`)}>{t('award.cycle.edit')}</a>
        </p>
      ) : null}

      {p.can.administer && !c.results_published_at ? (
        <section aria-labelledby="extend-h">
          <h2 id="extend-h">{t('award.extension.title')}</h2>
          <form method="post" action={href(`/console/award/${c.id}/extend`)} novalidate>
            <Csrf />
            <Field
              name="nominations_close_at"
              type="datetime-local"
              step={1}
              label={t('award.extension.new_deadline')}
              hint={t('award.field.local_time_hint')}
              value={str(valuesFor('extend').nominations_close_at)}
              errors={errorsFor('extend')}
              required
            />
            <TextArea
              name="reason"
              label={t('award.extension.reason')}
              value={str(valuesFor('extend').reason)}
              errors={errorsFor('extend')}
              rows={2}
              required
            />
            <button type="submit" class="button secondary">
              {t('award.extension.submit')}
            </button>
          </form>
        </section>
      ) : null}

      <h2>{t('award.branch.title')}</h2>
      {p.branches.length === 0 ? (
        <p>{t('award.branch.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('award.branch.caption')}</caption>
            <Head cols={[t('award.field.name'), t('award.field.nominee_kind'), t('award.field.rubric'), t('award.field.nominations')]} />
            <tbody>
              {p.branches.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    {nameOf(lang, b)}
                    <p class="muted">{pick(lang, b, 'description')}</p>
                    {b.requires_live_service ? <p>{t('award.branch.requires_live_service')}</p> : null}
                    {b.blind ? <p>{t('award.branch.blind')}</p> : null}
                    {b.min_stage ? (
                      <p>
                        {t('award.branch.min_stage_value', {
                          stage: pick(
                            lang,
                            STAGES.find((s) => s.key === b.min_stage) ?? { name_ar: b.min_stage, name_en: b.min_stage },
                            'name',
                          ),
                        })}
                      </p>
                    ) : null}
                    {b.attachments_required ? <p>{t('award.branch.attachments_required')}</p> : null}
                    {p.can.administer && !c.results_published_at ? (
                      <p>
                        <a href={href(`/console/award/branches/${b.id}/edit`)}>
                          {t('award.branch.edit')}
                          <span class="visually-hidden"> {nameOf(lang, b)}</span>
                        </a>
                      </p>
                    ) : null}
                  </th>
                  <td>{label(nomineeKindLabel, b.nominee_kind)}</td>
                  <td>
                    <ul>
                      {criteriaOf(b).map((cr) => (
                        <li key={cr.key}>
                          {nameOf(lang, cr)} ({t('award.field.weight')} {num(cr.weight)})
                        </li>
                      ))}
                    </ul>
                    <p class="muted">{t('award.branch.scale', { max: b.scale_max })}</p>
                  </td>
                  <td>{num(p.counts.get(b.id) ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {p.can.administer && !c.results_published_at ? (
        <section aria-labelledby="branch-h">
          <h2 id="branch-h">{t('award.branch.new')}</h2>
          <form method="post" action={href(`/console/award/${c.id}/branches`)} novalidate>
            <Csrf />
            <Field
              name="code"
              label={t('award.field.code')}
              hint={t('award.field.code_hint')}
              value={str(bv.code)}
              errors={be}
              dir="ltr"
              required
            />
            <BranchFields values={bv} errors={be} />
            <button type="submit" class="button">
              {t('award.branch.create')}
            </button>
          </form>
        </section>
      ) : null}
    </AwardLayout>
  );
}

/** A branch's fields but its code (the new-branch form adds the code; a correction keeps it). */
function BranchFields(p: { values: Values; errors?: Errors }) {
  const { t, lang } = usePage();
  const label = useLabel();
  const v = p.values;
  return (
    <>
      <Field name="name_ar" label={t('award.field.name_ar')} value={str(v.name_ar)} errors={p.errors} lang="ar" dir="rtl" required />
      <Field name="name_en" label={t('award.field.name_en')} value={str(v.name_en)} errors={p.errors} lang="en" dir="ltr" required />
      <TextArea
        name="description_ar"
        label={t('award.field.description_ar')}
        value={str(v.description_ar)}
        errors={p.errors}
        lang="ar"
        dir="rtl"
        rows={2}
        required
      />
      <TextArea
        name="description_en"
        label={t('award.field.description_en')}
        value={str(v.description_en)}
        errors={p.errors}
        lang="en"
        dir="ltr"
        rows={2}
        required
      />
      <Select
        name="nominee_kind"
        label={t('award.field.nominee_kind')}
        value={str(v.nominee_kind)}
        errors={p.errors}
        options={nomineeKinds.map((k) => ({ value: k, label: label(nomineeKindLabel, k) }))}
      />
      <div class="field">
        <input
          type="checkbox"
          id="f-requires_live_service"
          name="requires_live_service"
          value="on"
          checked={v.requires_live_service === 'on'}
        />
        <label for="f-requires_live_service">{t('award.branch.requires_live_service')}</label>
      </div>
      <Select
        name="min_stage"
        label={t('award.branch.min_stage')}
        hint={t('award.branch.min_stage_hint')}
        value={str(v.min_stage)}
        errors={p.errors}
        blank={t('award.branch.min_stage_none')}
        options={STAGES.map((s) => ({ value: s.key, label: pick(lang, s, 'name') }))}
      />
      <div class="field">
        <input
          type="checkbox"
          id="f-attachments_required"
          name="attachments_required"
          value="on"
          checked={v.attachments_required === 'on'}
        />
        <label for="f-attachments_required">{t('award.branch.attachments_required')}</label>
      </div>
      <div class="field">
        <input type="checkbox" id="f-normalise" name="normalise" value="on" checked={v.normalise === 'on'} />
        <label for="f-normalise">{t('award.branch.normalise')}</label>
      </div>
      <div class="field">
        <input type="checkbox" id="f-blind" name="blind" value="on" checked={v.blind === 'on'} />
        <label for="f-blind">{t('award.branch.blind')}</label>
      </div>
      <Field
        name="scale_max"
        label={t('award.field.scale_max')}
        value={str(v.scale_max ?? '5')}
        errors={p.errors}
        inputMode="numeric"
        required
      />
      {CRITERIA_ROWS.map((i) => (
        <fieldset key={i}>
          <legend>{t('award.branch.criterion', { n: i })}</legend>
          <Field
            name={`c${i}_name_ar`}
            label={t('award.field.name_ar')}
            value={str(v[`c${i}_name_ar`])}
            errors={p.errors}
            lang="ar"
            dir="rtl"
          />
          <Field
            name={`c${i}_name_en`}
            label={t('award.field.name_en')}
            value={str(v[`c${i}_name_en`])}
            errors={p.errors}
            lang="en"
            dir="ltr"
          />
          <Field
            name={`c${i}_weight`}
            label={t('award.field.weight')}
            value={str(v[`c${i}_weight`])}
            errors={p.errors}
            inputMode="decimal"
          />
          <TextArea
            name={`c${i}_anchors_ar`}
            label={t('award.field.anchors_ar')}
            hint={t('award.field.anchors_hint')}
            value={str(v[`c${i}_anchors_ar`])}
            errors={p.errors}
            rows={3}
            lang="ar"
            dir="rtl"
          />
          <TextArea
            name={`c${i}_anchors_en`}
            label={t('award.field.anchors_en')}
            value={str(v[`c${i}_anchors_en`])}
            errors={p.errors}
            rows={3}
            lang="en"
            dir="ltr"
          />
        </fieldset>
      ))}
    </>
  );
}

/** The program administrator's correction of a branch (what may still change is said beside the form). */
export function BranchFormPage(p: {
  cycle: CycleRow;
  branch: BranchRow;
  values: Values;
  errors?: Errors;
  questions: { version: number | null; values: Values; errors?: Errors };
}) {
  const { t, href, lang } = usePage();
  const title = t('award.branch.edit');
  return (
    <AwardLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/award', label: t('award.title') },
          { href: `/console/award/${p.cycle.id}`, label: nameOf(lang, p.cycle) },
          { label: `${title}: ${nameOf(lang, p.branch)}` },
        ]}
      />
      <PageHeading title={`${title}: ${nameOf(lang, p.branch)}`} lead={t('award.branch.edit_lead')} />
      <ErrorSummary errors={p.errors ?? p.questions.errors} />
      <form method="post" action={href(`/console/award/branches/${p.branch.id}/edit`)} novalidate>
        <Csrf />
        <BranchFields values={p.values} errors={p.errors} />
        <button type="submit" class="button">
          {t('award.branch.save')}
        </button>
      </form>
      <QuestionsForm branchId={p.branch.id} version={p.questions.version} values={p.questions.values} errors={p.questions.errors} />
    </AwardLayout>
  );
}
