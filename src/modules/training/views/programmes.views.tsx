import {
  Breadcrumbs,
  Choices,
  Csrf,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  Select,
  TextArea,
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { ProgrammeRow } from '../training.repo.ts';
import type { ProgrammeView } from '../training.service.ts';
import { audiences, deliveryModes, tracks } from '../training.tables.ts';
import { audienceLabel, Day, Head, modeLabel, offeringStatusLabel, TrainingLayout, titleOf, trackLabel, Where } from './common.tsx';

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** The training console's home: the programmes, and where each kind of person goes next. */
export function TrainingHomePage(p: {
  programmes: ProgrammeRow[];
  canAdminister: boolean;
  canProgress: boolean;
  /** The office, or a trainer of some offering: the evaluation results. */
  canEvaluations: boolean;
  agencies: { id: number; name: string }[];
}) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  return (
    <TrainingLayout title={t('training.title')}>
      <PageHeading title={t('training.title')} lead={t('training.lead')} />
      <ul class="actions">
        <li>
          <a href={href('/console/training/record')}>{t('training.record.title')}</a>
        </li>
        {p.agencies.map((a) => (
          <li key={a.id}>
            <a href={href(`/console/training/agencies/${a.id}`)}>{t('training.agency.link', { agency: a.name })}</a>
          </li>
        ))}
        {p.canProgress ? (
          <li>
            <a href={href('/console/training/progress')}>{t('training.progress.title')}</a>
          </li>
        ) : null}
        {p.canEvaluations ? (
          <li>
            <a href={href('/console/training/evaluations')}>{t('training.evaluations.title')}</a>
          </li>
        ) : null}
        {p.canAdminister ? (
          <li>
            <a class="button" href={href('/console/training/programmes/new')}>
              {t('training.programme.new')}
            </a>
          </li>
        ) : null}
      </ul>
      {p.programmes.length === 0 ? (
        <p>{t('training.programme.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('training.programme.list_caption')}</caption>
            <Head
              cols={[
                t('training.field.title'),
                t('training.field.audience'),
                t('training.field.track'),
                t('training.field.hours'),
                t('training.field.mode'),
                t('training.field.published'),
              ]}
            />
            <tbody>
              {p.programmes.map((pr) => (
                <tr key={pr.id}>
                  <th scope="row">
                    <a href={href(`/console/training/programmes/${pr.id}`)}>{titleOf(lang, pr)}</a>
                  </th>
                  <td>{label(audienceLabel, pr.audience)}</td>
                  <td>{label(trackLabel, pr.track)}</td>
                  <td>{num(pr.hours)}</td>
                  <td>{label(modeLabel, pr.delivery_mode)}</td>
                  <td>{pr.published ? t('training.published_yes') : t('training.published_no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </TrainingLayout>
  );
}

/** The program office's form for a new programme and its completion criteria. */
export function ProgrammeFormPage({ values, errors, editing }: { values: Values; errors?: Errors; editing?: ProgrammeRow }) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  const title = editing ? t('training.edit.programme') : t('training.programme.new');
  return (
    <TrainingLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/training', label: t('training.title') },
          ...(editing ? [{ href: `/console/training/programmes/${editing.id}`, label: titleOf(lang, editing) }] : []),
          { label: title },
        ]}
      />
      <PageHeading title={title} />
      <ErrorSummary errors={errors} />
      <form
        method="post"
        action={href(editing ? `/console/training/programmes/${editing.id}/edit` : '/console/training/programmes/new')}
        class="panel"
        novalidate
      >
        <Csrf />
        <Field
          name="code"
          label={t('training.field.code')}
          hint={editing ? t('training.edit.code_fixed') : t('training.field.code_hint')}
          value={str(values.code)}
          errors={errors}
          dir="ltr"
          required
        />
        <Field
          name="title_ar"
          label={t('training.field.title_ar')}
          value={str(values.title_ar)}
          errors={errors}
          lang="ar"
          dir="rtl"
          required
        />
        <Field
          name="title_en"
          label={t('training.field.title_en')}
          value={str(values.title_en)}
          errors={errors}
          lang="en"
          dir="ltr"
          required
        />
        <TextArea
          name="description_ar"
          label={t('training.field.description_ar')}
          value={str(values.description_ar)}
          errors={errors}
          lang="ar"
          dir="rtl"
          required
        />
        <TextArea
          name="description_en"
          label={t('training.field.description_en')}
          value={str(values.description_en)}
          errors={errors}
          lang="en"
          dir="ltr"
          required
        />
        <Select
          name="audience"
          label={t('training.field.audience')}
          value={str(values.audience)}
          errors={errors}
          options={audiences.map((a) => ({ value: a, label: label(audienceLabel, a) }))}
          required
        />
        <Select
          name="track"
          label={t('training.field.track')}
          value={str(values.track)}
          errors={errors}
          options={tracks.map((a) => ({ value: a, label: label(trackLabel, a) }))}
          required
        />
        <Select
          name="delivery_mode"
          label={t('training.field.mode')}
          value={str(values.delivery_mode)}
          errors={errors}
          options={deliveryModes.map((a) => ({ value: a, label: label(modeLabel, a) }))}
          required
        />
        <Field name="hours" label={t('training.field.hours')} value={str(values.hours)} errors={errors} inputMode="decimal" required />
        <Field
          name="min_attendance_pct"
          label={t('training.field.min_attendance')}
          hint={t('training.field.min_attendance_hint')}
          value={str(values.min_attendance_pct)}
          errors={errors}
          inputMode="numeric"
          required
        />
        <Field
          name="pass_mark_pct"
          label={t('training.field.pass_mark')}
          hint={t('training.field.pass_mark_hint')}
          value={str(values.pass_mark_pct)}
          errors={errors}
          inputMode="numeric"
        />
        <Field
          name="max_attempts"
          label={t('training.field.max_attempts')}
          value={str(values.max_attempts ?? '3')}
          errors={errors}
          inputMode="numeric"
        />
        <Field
          name="questions_per_attempt"
          label={t('training.field.questions_per_attempt')}
          value={str(values.questions_per_attempt ?? '10')}
          errors={errors}
          inputMode="numeric"
        />
        <TextArea
          name="assignment_ar"
          label={t('training.field.assignment_ar')}
          hint={t('training.field.assignment_hint')}
          value={str(values.assignment_ar)}
          errors={errors}
          lang="ar"
          dir="rtl"
        />
        <TextArea
          name="assignment_en"
          label={t('training.field.assignment_en')}
          value={str(values.assignment_en)}
          errors={errors}
          lang="en"
          dir="ltr"
        />
        <button type="submit" class="button">
          {editing ? t('training.save') : t('training.create')}
        </button>
      </form>
    </TrainingLayout>
  );
}

/** A programme: its description and criteria, its offerings, and for the office the question bank and forms. */
export function ProgrammePage(p: {
  v: ProgrammeView;
  canAdminister: boolean;
  /** The office: records waivers of the prerequisites. */
  canOversee?: boolean;
  form?: 'offering' | 'question' | 'prerequisites' | 'waiver';
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const pr = p.v.programme;
  type Form = NonNullable<typeof p.form>;
  const vals = (f: Form) => (p.form === f ? (p.values ?? {}) : {});
  const errs = (f: Form) => (p.form === f ? p.errors : undefined);
  const w = vals('waiver');
  const o = vals('offering');
  const q = vals('question');
  return (
    <TrainingLayout title={titleOf(lang, pr)}>
      <Breadcrumbs items={[{ href: '/console/training', label: t('training.title') }, { label: titleOf(lang, pr) }]} />
      <PageHeading title={titleOf(lang, pr)} caption={`${label(audienceLabel, pr.audience)} · ${label(trackLabel, pr.track)}`} />
      <ErrorSummary errors={p.errors} />
      <p>{lang === 'ar' ? pr.description_ar : pr.description_en}</p>
      <dl class="summary">
        <dt>{t('training.field.hours')}</dt>
        <dd>{num(pr.hours)}</dd>
        <dt>{t('training.field.mode')}</dt>
        <dd>{label(modeLabel, pr.delivery_mode)}</dd>
        <dt>{t('training.field.criteria')}</dt>
        <dd>
          {t('training.criteria.attendance', { pct: num(pr.min_attendance_pct) })}
          {pr.pass_mark_pct !== null
            ? ` · ${t('training.criteria.assessment', { pct: num(pr.pass_mark_pct), attempts: num(pr.max_attempts) })}`
            : ''}
          {pr.assignment_ar !== null ? ` · ${t('training.criteria.assignment')}` : ''}
        </dd>
        {pr.assignment_ar !== null ? (
          <>
            <dt>{t('training.assignment.brief')}</dt>
            <dd>{lang === 'ar' ? pr.assignment_ar : pr.assignment_en}</dd>
          </>
        ) : null}
        <dt>{t('training.field.published')}</dt>
        <dd>{pr.published ? t('training.published_yes') : t('training.published_no')}</dd>
      </dl>
      {p.canAdminister ? (
        <div class="actions">
          <PostButton
            action={href(`/console/training/programmes/${pr.id}/publish`)}
            label={pr.published ? t('training.withdraw') : t('training.publish')}
            fields={{ published: pr.published ? 'no' : 'yes' }}
            tone="secondary"
          />
          <a class="button secondary" href={href(`/console/training/programmes/${pr.id}/edit`)}>
            {t('training.edit.programme')}
          </a>
        </div>
      ) : null}

      <h2>{t('training.prerequisites.title')}</h2>
      <p class="muted">{t('training.prerequisites.hint')}</p>
      {p.v.prerequisites.length === 0 ? (
        <p>{t('training.prerequisites.none')}</p>
      ) : (
        <ul>
          {p.v.prerequisites.map((r) => (
            <li key={r.id}>
              <a href={href(`/console/training/programmes/${r.id}`)}>{titleOf(lang, r)}</a>
            </li>
          ))}
        </ul>
      )}
      {p.canAdminister && p.v.others.length > 0 ? (
        <form method="post" action={href(`/console/training/programmes/${pr.id}/prerequisites`)} class="panel" novalidate>
          <Csrf />
          <Choices
            name="required_ids"
            legend={t('training.prerequisites.choose')}
            options={p.v.others.map((x) => ({ value: String(x.id), label: `${titleOf(lang, x)} (${x.code})` }))}
            values={
              p.form === 'prerequisites'
                ? ([] as unknown[]).concat(vals('prerequisites').required_ids ?? []).map(String)
                : p.v.prerequisites.map((x) => String(x.id))
            }
            errors={errs('prerequisites')}
          />
          <button type="submit" class="button secondary">
            {t('training.prerequisites.save')}
          </button>
        </form>
      ) : null}
      {p.canOversee && p.v.prerequisites.length > 0 ? (
        <>
          <h3>{t('training.waivers.title')}</h3>
          <p class="muted">{t('training.waivers.lead')}</p>
          {p.v.waivers.length === 0 ? (
            <p>{t('training.waivers.none')}</p>
          ) : (
            <div class="table-wrap" tabIndex={0}>
              <table>
                <caption>{t('training.waivers.title')}</caption>
                <Head
                  cols={[t('training.field.person'), t('training.waivers.reason'), t('training.waivers.by'), t('training.waivers.when')]}
                />
                <tbody>
                  {p.v.waivers.map((x) => (
                    <tr key={x.id}>
                      <th scope="row">{x.person}</th>
                      <td>{x.reason}</td>
                      <td>{x.waived_by}</td>
                      <td>
                        <DateTime value={x.created_at} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <form method="post" action={href(`/console/training/programmes/${pr.id}/waivers`)} class="panel" novalidate>
            <Csrf />
            <Field
              name="email"
              type="email"
              label={t('training.waivers.email')}
              value={str(w.email)}
              errors={errs('waiver')}
              dir="ltr"
              required
            />
            <TextArea name="reason" label={t('training.waivers.reason')} value={str(w.reason)} errors={errs('waiver')} rows={3} required />
            <button type="submit" class="button secondary">
              {t('training.waivers.add')}
            </button>
          </form>
        </>
      ) : null}

      <h2>{t('training.offering.title')}</h2>
      {p.v.offerings.length === 0 ? (
        <p>{t('training.offering.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('training.offering.list_caption')}</caption>
            <Head cols={[t('training.field.dates'), t('training.field.where'), t('training.field.seats'), t('training.field.status')]} />
            <tbody>
              {p.v.offerings.map((of) => (
                <tr key={of.id}>
                  <th scope="row">
                    <a href={href(`/console/training/offerings/${of.id}`)}>
                      <Day value={of.starts_on} /> – <Day value={of.ends_on} />
                    </a>
                  </th>
                  <td>
                    <Where o={of} />
                  </td>
                  <td>{t('training.seats', { taken: num(of.seats_taken), capacity: num(of.capacity) })}</td>
                  <td>{label(offeringStatusLabel, of.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {p.canAdminister ? (
        <>
          <h2 id="new-offering">{t('training.offering.new')}</h2>
          <form method="post" action={href(`/console/training/programmes/${pr.id}/offerings`)} class="panel" novalidate>
            <Csrf />
            <Field
              name="starts_on"
              type="date"
              label={t('training.field.starts_on')}
              value={str(o.starts_on)}
              errors={errs('offering')}
              required
            />
            <Field
              name="ends_on"
              type="date"
              label={t('training.field.ends_on')}
              value={str(o.ends_on)}
              errors={errs('offering')}
              required
            />
            <Field
              name="location_ar"
              label={t('training.field.location_ar')}
              value={str(o.location_ar)}
              errors={errs('offering')}
              lang="ar"
              dir="rtl"
            />
            <Field
              name="location_en"
              label={t('training.field.location_en')}
              value={str(o.location_en)}
              errors={errs('offering')}
              lang="en"
              dir="ltr"
            />
            <Field
              name="online_url"
              type="url"
              label={t('training.field.online_url')}
              value={str(o.online_url)}
              errors={errs('offering')}
              dir="ltr"
            />
            <Field
              name="capacity"
              label={t('training.field.capacity')}
              value={str(o.capacity)}
              errors={errs('offering')}
              inputMode="numeric"
              required
            />
            <button type="submit" class="button">
              {t('training.add')}
            </button>
          </form>

          <h2 id="questions">{t('training.question.title')}</h2>
          {p.v.questions.length === 0 ? (
            <p>{t('training.question.none')}</p>
          ) : (
            <ol>
              {p.v.questions.map((qq) => {
                const options = JSON.parse(qq.options_json) as { ar: string; en: string }[];
                return (
                  <li key={qq.id}>
                    {lang === 'ar' ? qq.text_ar : qq.text_en}
                    <ul>
                      {options.map((op, i) => (
                        <li key={op.en}>
                          {lang === 'ar' ? op.ar : op.en}
                          {i === qq.correct_index ? ` — ${t('training.question.correct')}` : ''}
                        </li>
                      ))}
                    </ul>
                  </li>
                );
              })}
            </ol>
          )}
          <form method="post" action={href(`/console/training/programmes/${pr.id}/questions`)} class="panel" novalidate>
            <Csrf />
            <TextArea
              name="text_ar"
              label={t('training.field.question_ar')}
              value={str(q.text_ar)}
              errors={errs('question')}
              lang="ar"
              dir="rtl"
              rows={2}
              required
            />
            <TextArea
              name="text_en"
              label={t('training.field.question_en')}
              value={str(q.text_en)}
              errors={errs('question')}
              lang="en"
              dir="ltr"
              rows={2}
              required
            />
            {([1, 2, 3, 4] as const).map((i) => (
              <div key={i}>
                <Field
                  name={`option_${i}_ar`}
                  label={t('training.field.option_ar', { n: num(i) })}
                  value={str(q[`option_${i}_ar`])}
                  errors={errs('question')}
                  lang="ar"
                  dir="rtl"
                  required={i <= 2}
                />
                <Field
                  name={`option_${i}_en`}
                  label={t('training.field.option_en', { n: num(i) })}
                  value={str(q[`option_${i}_en`])}
                  errors={errs('question')}
                  lang="en"
                  dir="ltr"
                  required={i <= 2}
                />
              </div>
            ))}
            <Select
              name="correct"
              label={t('training.field.correct')}
              value={str(q.correct)}
              errors={errs('question')}
              options={[1, 2, 3, 4].map((i) => ({ value: String(i), label: t('training.field.option_n', { n: num(i) }) }))}
              required
            />
            <button type="submit" class="button">
              {t('training.add')}
            </button>
          </form>
        </>
      ) : null}
    </TrainingLayout>
  );
}
