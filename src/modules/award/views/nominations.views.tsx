import { pick } from '../../../platform/i18n/i18n.ts';
import {
  AutosaveStatus,
  Breadcrumbs,
  Csrf,
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
import type { Agency } from '../../identity/public.ts';
import type { AttachmentRow } from '../attachments.ts';
import type { BranchRow, CycleRow, NominationRow, ReviewRow } from '../award.repo.ts';
import { criteriaOf } from '../award.repo.ts';
import { SUMMARY_WORDS } from '../award.schema.ts';
import { conflictKinds } from '../award.tables.ts';
import type { DiscussionPost } from '../discussion.service.ts';
import type { Evidence } from '../evidence.ts';
import type { Scores } from '../scoring.ts';
import { weightedScore } from '../scoring.ts';
import { AttachmentsBlock } from './attachments.views.tsx';
import { AwardLayout, conflictKindLabel, Head, Instant, nameOf, StatusTag, str, titleOf } from './common.tsx';
import { type AnsweredQuestions, AnswerFields, AnswersBlock } from './questions.views.tsx';

type Values = Record<string, unknown>;

export function NominationsPage(p: {
  cycle: CycleRow;
  nominations: NominationRow[];
  branches: Map<number, BranchRow>;
  agencies: Map<number, Agency>;
  canNominate: boolean;
  open: boolean;
}) {
  const { t, href, lang } = usePage();
  const c = p.cycle;
  return (
    <AwardLayout title={t('award.nomination.list')}>
      <Breadcrumbs
        items={[
          { href: '/console/award', label: t('award.title') },
          { href: `/console/award/${c.id}`, label: nameOf(lang, c) },
          { label: t('award.nomination.list') },
        ]}
      />
      <PageHeading title={t('award.nomination.list')} caption={nameOf(lang, c)} />
      {p.canNominate && p.open ? (
        <div class="actions">
          <a class="button" href={href(`/console/award/${c.id}/nominations/new`)}>
            {t('award.nomination.new')}
          </a>
        </div>
      ) : null}
      {p.nominations.length === 0 ? (
        <p>{t('award.nomination.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('award.nomination.caption')}</caption>
            <Head cols={[t('award.field.title'), t('award.field.branch'), t('award.field.agency'), t('award.field.status')]} />
            <tbody>
              {p.nominations.map((n) => {
                const b = p.branches.get(n.branch_id);
                const a = n.agency_id === null ? undefined : p.agencies.get(n.agency_id);
                return (
                  <tr key={n.id}>
                    <th scope="row">
                      <a href={href(`/console/award/nominations/${n.id}`)}>{titleOf(lang, n)}</a>
                    </th>
                    <td>{b ? nameOf(lang, b) : ''}</td>
                    <td>{a ? pick(lang, a, 'name') : ''}</td>
                    <td>
                      <StatusTag status={n.status} screening={n.screening} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </AwardLayout>
  );
}

/** A nomination's fields; an individual's (individual) has no agency and no catalog service. */
export function NominationFields(p: { branches: BranchRow[]; values: Values; errors?: Errors; agencies?: Agency[]; individual?: boolean }) {
  const { t, lang } = usePage();
  const v = p.values;
  return (
    <>
      {p.agencies && p.agencies.length > 1 ? (
        <Select
          name="agency_id"
          label={t('award.field.agency')}
          value={str(v.agency_id)}
          errors={p.errors}
          options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
        />
      ) : null}
      <Select
        name="branch_id"
        label={t('award.field.branch')}
        blank=""
        value={str(v.branch_id)}
        errors={p.errors}
        options={p.branches.map((b) => ({ value: String(b.id), label: nameOf(lang, b) }))}
      />
      <Field name="title_ar" label={t('award.field.title_ar')} value={str(v.title_ar)} errors={p.errors} lang="ar" dir="rtl" required />
      <Field name="title_en" label={t('award.field.title_en')} value={str(v.title_en)} errors={p.errors} lang="en" dir="ltr" required />
      <TextArea
        name="summary"
        label={t('award.field.summary')}
        hint={t('award.field.summary_hint', { words: SUMMARY_WORDS })}
        value={str(v.summary)}
        errors={p.errors}
        rows={8}
        required
      />
      <Field
        name="nominee_name"
        label={t('award.field.nominee_name')}
        hint={t('award.field.nominee_name_hint')}
        value={str(v.nominee_name)}
        errors={p.errors}
      />
      {p.individual ? null : (
        <Field
          name="service"
          label={t('award.field.service')}
          hint={t('award.field.service_hint')}
          value={str(v.service)}
          errors={p.errors}
          dir="ltr"
        />
      )}
    </>
  );
}

export function NominationFormPage(p: { cycle: CycleRow; branches: BranchRow[]; agencies: Agency[]; values: Values; errors?: Errors }) {
  const { t, href, lang } = usePage();
  return (
    <AwardLayout title={t('award.nomination.new')}>
      <Breadcrumbs
        items={[
          { href: '/console/award', label: t('award.title') },
          { href: `/console/award/${p.cycle.id}`, label: nameOf(lang, p.cycle) },
          { label: t('award.nomination.new') },
        ]}
      />
      <PageHeading title={t('award.nomination.new')} lead={t('award.nomination.deadline_note')} />
      <p>
        {t('award.field.nominations_close_at')}: <Instant value={p.cycle.nominations_close_at} />
      </p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href(`/console/award/${p.cycle.id}/nominations/new`)} novalidate>
        <Csrf />
        <NominationFields branches={p.branches} values={p.values} errors={p.errors} agencies={p.agencies} />
        <button type="submit" class="button">
          {t('award.nomination.save_draft')}
        </button>
      </form>
    </AwardLayout>
  );
}

/** The frozen evidence; in a blind branch a judge sees the service's facts but not whose it is. */
function EvidenceBlock({ e, blind }: { e: Evidence; blind: boolean }) {
  const { t, lang, num } = usePage();
  return (
    <section aria-labelledby="evidence-h">
      <h2 id="evidence-h">{t('award.evidence.title')}</h2>
      <p class="muted">
        {t('award.evidence.frozen')} <Instant value={e.frozen_at} />
      </p>
      <dl class="facts">
        {blind ? null : (
          <>
            <dt>{t('award.field.agency')}</dt>
            <dd>{e.agency ? pick(lang, e.agency, 'name') : t('award.individual.kind')}</dd>
          </>
        )}
        <dt>{t('award.evidence.service')}</dt>
        <dd>
          {e.service
            ? t('award.evidence.service_value', {
                name: blind ? t('award.blind.hidden') : pick(lang, e.service, 'name'),
                identifier: blind ? '—' : e.service.identifier,
                version: e.service.published_version,
                status: e.service.status,
                channels: e.service.channels,
              })
            : t('award.evidence.none')}
        </dd>
        {e.cx ? (
          <>
            <dt>{t('award.evidence.cx')}</dt>
            <dd>
              {t('award.evidence.cx_value', {
                ratings: e.cx.ratings,
                csat: e.cx.csat === null ? '—' : num(e.cx.csat, { style: 'percent', maximumFractionDigits: 0 }),
                responses: e.cx.csat_responses,
                complaints: e.cx.complaints,
              })}
            </dd>
          </>
        ) : null}
        {e.measure === undefined ? null : (
          <>
            <dt>{t('award.evidence.measure')}</dt>
            <dd>
              {e.measure && blind
                ? // The exact score would name the agency through the published results: a blind panel sees the stage only.
                  t('award.evidence.measure_blind', {
                    round: pick(lang, { name_ar: e.measure.round_name_ar, name_en: e.measure.round_name_en }, 'name'),
                    stage: e.measure.stage ? pick(lang, e.measure.stage, 'name') : t('award.evidence.no_stage'),
                  })
                : e.measure
                  ? t('award.evidence.measure_value', {
                      round: pick(lang, { name_ar: e.measure.round_name_ar, name_en: e.measure.round_name_en }, 'name'),
                      score: e.measure.display === null ? '—' : num(e.measure.display),
                      max: e.measure.scale_max,
                      stage: e.measure.stage ? pick(lang, e.measure.stage, 'name') : t('award.evidence.no_stage'),
                    })
                  : t('award.evidence.none')}
            </dd>
          </>
        )}
        <dt>{t('award.evidence.plan')}</dt>
        <dd>
          {e.plan && e.plan.total > 0
            ? t('award.evidence.plan_value', {
                onTrack: e.plan.on_track,
                total: e.plan.total,
                share: num(e.plan.share ?? 0, { style: 'percent', maximumFractionDigits: 0 }),
              })
            : t('award.evidence.none')}
        </dd>
      </dl>
    </section>
  );
}

export interface ReviewView {
  review: ReviewRow;
  judge: string;
}

export function NominationPage(p: {
  cycle: CycleRow;
  nomination: NominationRow;
  branch: BranchRow;
  branches: BranchRow[];
  agency: Agency | undefined;
  serviceIdentifier: string | null;
  access: 'office' | 'agency' | 'judge';
  me: number | null;
  reviews: ReviewView[];
  can: { edit: boolean; withdraw: boolean; screen: boolean; score: boolean };
  /** The branch's questions as this nomination answers them, with its answers. */
  questions: AnsweredQuestions;
  /** The supporting documents the reader may open (the page is only shown to those allowed the nomination). */
  attachments: AttachmentRow[];
  /** The panel's discussion, when the reader may see it (the office; a judge once their review is in). */
  discussion: { posts: DiscussionPost[]; canPost: boolean } | null;
  form?: 'edit' | 'screen' | 'review' | 'conflict' | 'discuss' | 'attach';
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const n = p.nomination;
  const criteria = criteriaOf(p.branch);
  const ev = n.evidence_json ? (JSON.parse(n.evidence_json) as Evidence) : null;
  const valuesFor = (f: NonNullable<typeof p.form>) => (p.form === f ? (p.values ?? {}) : {});
  const errorsFor = (f: NonNullable<typeof p.form>) => (p.form === f ? p.errors : undefined);
  const own = p.reviews.find((r) => r.review.judge_user_id === p.me)?.review;
  const ownScores = own ? (JSON.parse(own.scores_json) as Scores) : {};
  const rv =
    p.form === 'review'
      ? (p.values ?? {})
      : Object.fromEntries(
          criteria.flatMap((c) => [
            [`score_${c.key}`, ownScores[c.key]?.score],
            [`comment_${c.key}`, ownScores[c.key]?.comment],
          ]),
        );
  const fmt = (x: number | null) => (x === null ? '—' : num(x, { maximumFractionDigits: 2 }));
  // Blind review: a judge never sees who is nominated wherever Yusr writes it.
  const blind = p.access === 'judge' && p.branch.blind === 1;
  return (
    <AwardLayout title={titleOf(lang, n)}>
      <Breadcrumbs
        items={[
          { href: '/console/award', label: t('award.title') },
          { href: `/console/award/${p.cycle.id}`, label: nameOf(lang, p.cycle) },
          { href: `/console/award/${p.cycle.id}/nominations`, label: t('award.nomination.list') },
          { label: titleOf(lang, n) },
        ]}
      />
      <PageHeading
        title={titleOf(lang, n)}
        caption={
          blind
            ? `${nameOf(lang, p.branch)} · ${t('award.blind.note')}`
            : `${nameOf(lang, p.branch)} · ${p.agency ? pick(lang, p.agency, 'name') : ''}`
        }
      />
      <ErrorSummary errors={p.errors} />
      <p>
        <StatusTag status={n.status} screening={n.screening} />
      </p>
      {n.screening === 'ineligible' && n.screening_reason ? (
        <div class="notice" role="note">
          <h2>{t('award.screening.reason')}</h2>
          <p>{n.screening_reason}</p>
        </div>
      ) : null}
      <dl class="facts">
        {n.nominee_name && !blind ? (
          <>
            <dt>{t('award.field.nominee_name')}</dt>
            <dd>{n.nominee_name}</dd>
          </>
        ) : null}
        <dt>{t('award.field.submitted_at')}</dt>
        <dd>
          <Instant value={n.submitted_at} />
        </dd>
        <dt>{t('award.field.nominations_close_at')}</dt>
        <dd>
          <Instant value={p.cycle.nominations_close_at} />
        </dd>
      </dl>
      <h2>{t('award.field.summary')}</h2>
      <p class="prewrap">{n.summary}</p>
      <AnswersBlock questions={p.questions} blind={blind} />
      {ev ? <EvidenceBlock e={ev} blind={blind} /> : null}
      <AttachmentsBlock
        attachments={p.attachments}
        link={(a) => `/console/award/attachments/${a.id}`}
        upload={p.can.edit ? `/console/award/nominations/${n.id}/attachments` : undefined}
        remove={p.can.edit ? (a) => `/console/award/attachments/${a.id}/remove` : undefined}
        blind={blind}
        frozen={n.status === 'submitted'}
        errors={errorsFor('attach')}
      />

      {p.can.edit ? (
        <section aria-labelledby="edit-h">
          <h2 id="edit-h">{t('award.nomination.edit')}</h2>
          <form method="post" action={href(`/console/award/nominations/${n.id}/save`)} novalidate data-autosave="true">
            <Csrf />
            <NominationFields
              branches={p.branches}
              values={p.form === 'edit' ? (p.values ?? {}) : { ...n, service: p.serviceIdentifier ?? undefined }}
              errors={errorsFor('edit')}
            />
            <AnswerFields questions={p.questions} values={p.form === 'edit' ? (p.values ?? {}) : {}} errors={errorsFor('edit')} />
            <AutosaveStatus saved={t('award.nomination.autosaved')} failed={t('award.nomination.autosave_failed')} />
            <button type="submit" class="button secondary">
              {t('award.nomination.save_draft')}
            </button>
          </form>
          <PostButton action={href(`/console/award/nominations/${n.id}/submit`)} label={t('award.nomination.submit')} />
        </section>
      ) : null}
      {p.can.withdraw ? (
        <PostButton
          action={href(`/console/award/nominations/${n.id}/withdraw`)}
          label={t('award.nomination.withdraw')}
          confirm={t('award.nomination.withdraw_confirm')}
          tone="danger"
        />
      ) : null}

      {p.can.screen ? (
        <section aria-labelledby="screen-h">
          <h2 id="screen-h">{t('award.screening.title')}</h2>
          <form method="post" action={href(`/console/award/nominations/${n.id}/screen`)} novalidate>
            <Csrf />
            <Select
              name="decision"
              label={t('award.screening.decision')}
              value={str(valuesFor('screen').decision)}
              errors={errorsFor('screen')}
              options={[
                { value: 'eligible', label: t('award.screening.eligible') },
                { value: 'ineligible', label: t('award.screening.ineligible') },
              ]}
            />
            <TextArea
              name="reason"
              label={t('award.screening.reason')}
              hint={t('award.screening.reason_hint')}
              value={str(valuesFor('screen').reason)}
              errors={errorsFor('screen')}
              rows={3}
            />
            <button type="submit" class="button">
              {t('award.screening.submit')}
            </button>
          </form>
        </section>
      ) : null}

      {p.access !== 'agency' ? (
        <section aria-labelledby="reviews-h">
          <h2 id="reviews-h">{t('award.review.title')}</h2>
          {p.access === 'judge' && own?.status !== 'submitted' ? <p>{t('award.review.others_hidden')}</p> : null}
          {p.reviews.length === 0 ? (
            <p>{t('award.review.none')}</p>
          ) : (
            <div class="table-wrap" tabIndex={0}>
              <table>
                <caption>{t('award.review.caption')}</caption>
                <Head
                  cols={[
                    t('award.field.judge'),
                    ...criteria.map((c) => nameOf(lang, c)),
                    t('award.review.weighted'),
                    t('award.field.status'),
                  ]}
                />
                <tbody>
                  {p.reviews.map(({ review, judge }) => {
                    const s = JSON.parse(review.scores_json) as Scores;
                    return (
                      <tr key={review.id}>
                        <th scope="row">{judge}</th>
                        {criteria.map((c) => (
                          <td key={c.key}>
                            {s[c.key] ? num(s[c.key].score) : '—'}
                            {s[c.key]?.comment ? <p class="muted">{s[c.key].comment}</p> : null}
                          </td>
                        ))}
                        <td>{fmt(weightedScore(criteria, s))}</td>
                        <td>{review.status === 'submitted' ? t('award.review.submitted') : t('award.review.pending')}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      {p.discussion ? (
        <section aria-labelledby="discussion-h">
          <h2 id="discussion-h">{t('award.discussion.title')}</h2>
          <p class="muted">{t('award.discussion.lead')}</p>
          {p.discussion.posts.length === 0 ? (
            <p>{t('award.discussion.none')}</p>
          ) : (
            <ol class="thread">
              {p.discussion.posts.map((post) => (
                <li key={post.id} id={`post-${post.id}`}>
                  <p>
                    <strong>{post.mine ? t('award.discussion.you') : post.author}</strong> · <Instant value={post.created_at} />
                  </p>
                  <p class="prewrap" dir="auto">
                    {post.body}
                  </p>
                </li>
              ))}
            </ol>
          )}
          {p.discussion.canPost ? (
            <form method="post" action={href(`/console/award/nominations/${n.id}/discussion`)} novalidate>
              <Csrf />
              <TextArea
                name="body"
                label={t('award.discussion.body')}
                value={str(valuesFor('discuss').body)}
                errors={errorsFor('discuss')}
                rows={4}
              />
              <button type="submit" class="button secondary">
                {t('award.discussion.post')}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}

      {p.can.score ? (
        <section aria-labelledby="score-h">
          <h2 id="score-h">{t('award.review.yours')}</h2>
          <p class="muted">{t('award.branch.scale', { max: p.branch.scale_max })}</p>
          <form method="post" action={href(`/console/award/nominations/${n.id}/review`)} novalidate>
            <Csrf />
            {criteria.map((c) => (
              <fieldset key={c.key}>
                <legend>
                  {nameOf(lang, c)} ({t('award.field.weight')} {num(c.weight)})
                </legend>
                {c.anchors_ar && c.anchors_en ? (
                  <div class="hint">
                    <p>{t('award.review.anchors')}</p>
                    <p class="prewrap">{lang === 'ar' ? c.anchors_ar : c.anchors_en}</p>
                  </div>
                ) : null}
                <Field
                  name={`score_${c.key}`}
                  label={t('award.review.score')}
                  value={str(rv[`score_${c.key}`])}
                  errors={errorsFor('review')}
                  inputMode="numeric"
                />
                <TextArea
                  name={`comment_${c.key}`}
                  label={t('award.review.comment')}
                  value={str(rv[`comment_${c.key}`])}
                  errors={errorsFor('review')}
                  rows={2}
                />
              </fieldset>
            ))}
            <TextArea
              name="comment"
              label={t('award.review.overall')}
              value={str(p.form === 'review' ? rv.comment : own?.comment)}
              errors={errorsFor('review')}
              rows={3}
            />
            <button type="submit" name="action" value="save" class="button secondary">
              {t('award.review.save')}
            </button>{' '}
            <button type="submit" name="action" value="submit" class="button">
              {t('award.review.submit')}
            </button>
          </form>
        </section>
      ) : null}

      {p.access === 'judge' && own?.status !== 'submitted' ? (
        <section aria-labelledby="declare-h">
          <h2 id="declare-h">{t('award.conflict.declare')}</h2>
          <p>{t('award.conflict.declare_lead')}</p>
          <form method="post" action={href(`/console/award/${p.cycle.id}/conflicts`)} novalidate>
            <Csrf />
            <input type="hidden" name="nomination_id" value={String(n.id)} />
            <Select
              name="kind"
              label={t('award.field.conflict_kind')}
              value={str(valuesFor('conflict').kind)}
              errors={errorsFor('conflict')}
              options={conflictKinds.map((k) => ({ value: k, label: label(conflictKindLabel, k) }))}
            />
            <TextArea
              name="note"
              label={t('award.field.note')}
              value={str(valuesFor('conflict').note)}
              errors={errorsFor('conflict')}
              rows={2}
            />
            <button type="submit" class="button danger">
              {t('award.conflict.declare_submit')}
            </button>
          </form>
        </section>
      ) : null}
    </AwardLayout>
  );
}
