import { Fragment } from 'preact';
import { type Lang, pick } from '../../../platform/i18n/i18n.ts';
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
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { ArticleComparison } from '../articles.ts';
import type { CommentTarget, ParticipantRow } from '../participate.repo.ts';
import { dispositions } from '../participate.tables.ts';
import {
  COMMENTS_PAGE,
  type PublicComment,
  type publicComments,
  type publicConsultation,
  type publicList,
  type publicReport,
  type TargetCount,
} from '../public.service.ts';
import { consultationTopic, NEW_CONSULTATIONS_TOPIC } from '../subscriptions.ts';
import {
  AnswerTimesTable,
  dispositionLabel,
  Follow,
  InitiativeList,
  Period,
  PhaseTag,
  Prose,
  statusLabel,
  useArticleName,
} from './common.tsx';

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
const title = (lang: Lang, c: { title_ar: string; title_en: string }) => pick(lang, c, 'title');

export function ConsultationsPage({ items }: { items: Awaited<ReturnType<typeof publicList>> }) {
  const { t, href, lang } = usePage();
  return (
    <Layout
      title={t('participate.public.title')}
      nav="/consultations"
      head={
        <link rel="alternate" type="application/atom+xml" href={`/feeds/${lang}/consultations.atom`} title={t('participate.feed.title')} />
      }
    >
      <PageHeading title={t('participate.public.title')} lead={t('participate.public.lead')} />
      {items.length === 0 ? (
        <p>{t('participate.public.none')}</p>
      ) : (
        <ul class="cards">
          {items.map((c) => (
            <li class="card" key={c.id}>
              <h2>
                <a href={href(`/consultations/${c.id}`)}>{title(lang, c)}</a>
              </h2>
              <p>
                <PhaseTag phase={c.phase} /> <Period c={c} />
              </p>
              <p>{pick(lang, c, 'summary')}</p>
              {c.phase === 'completed' ? (
                <p>
                  <a href={href(`/consultations/${c.id}/report`)}>{t('participate.report.read')}</a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Follow topic={NEW_CONSULTATIONS_TOPIC} label={t('participate.follow.new')} />
      <p>
        <a href={`/feeds/${lang}/consultations.atom`}>{t('participate.feed.link')}</a>
      </p>
    </Layout>
  );
}

function Author({ c }: { c: PublicComment }) {
  const { t } = usePage();
  return c.author === null ? <span class="muted">{t('participate.anonymous')}</span> : <span>{c.author}</span>;
}

function CommentList({
  comments,
  id,
  label,
  canReport,
  ownIds,
  answers = false,
}: {
  comments: PublicComment[];
  id: string;
  label: string;
  canReport: boolean;
  ownIds: Set<number>;
  /** Show each comment's official answer (a completed consultation). */
  answers?: boolean;
}) {
  const { t, href, num } = usePage();
  const labelOf = useLabel();
  if (comments.length === 0) return <p class="muted">{t('participate.comments.none')}</p>;
  return (
    <ul class="comments" aria-label={label} id={id}>
      {comments.map((c) => (
        <li key={c.id} id={`comment-${c.id}`}>
          <p class="muted">
            <Author c={c} /> · <DateTime value={c.created_at} /> · {t('participate.comment_no', { n: num(c.id, { useGrouping: false }) })}
          </p>
          <Prose text={c.body} />
          {answers ? (
            <p>
              <strong>{c.disposition ? labelOf(dispositionLabel, c.disposition) : '—'}</strong>: {c.disposition_reason}
            </p>
          ) : null}
          {canReport && !ownIds.has(c.id) ? (
            <PostButton action={href(`/consultations/comments/${c.id}/report`)} label={t('participate.report_comment')} tone="secondary" />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The full list of a target's comments: `/consultations/:id/comments`, `?article=` or `?question=`. */
const listPath = (consultationId: number, t: CommentTarget) =>
  `/consultations/${consultationId}/comments${t.article_id ? `?article=${t.article_id}` : t.question_id ? `?question=${t.question_id}` : ''}`;

/** A target's count of visible comments and, on the report, how many have each answer. */
function Counts({ count, answers }: { count: TargetCount; answers: boolean }) {
  const { t, num } = usePage();
  const label = useLabel();
  if (count.total === 0) return null;
  const parts = answers ? dispositions.filter((k) => count.byDisposition[k]) : [];
  return (
    <p class="muted">
      {t('participate.comments.count', { count: count.total })}
      {parts.map((k) => ` · ${label(dispositionLabel, k)}: ${num(count.byDisposition[k] ?? 0)}`).join('')}
    </p>
  );
}

/** The latest comments on one target, its counts, and a link to all of them when there are more. */
function TargetComments({
  consultationId,
  target,
  targetName,
  comments,
  count,
  id,
  label,
  canReport = false,
  ownIds = new Set(),
  answers = false,
}: {
  consultationId: number;
  target: CommentTarget;
  /** The target as the "all comments on …" link names it (null: the whole text). */
  targetName: string | null;
  comments: PublicComment[];
  count: TargetCount;
  id: string;
  label: string;
  canReport?: boolean;
  ownIds?: Set<number>;
  answers?: boolean;
}) {
  const { t, href } = usePage();
  return (
    <>
      <Counts count={count} answers={answers} />
      {count.total > comments.length ? <p class="muted">{t('participate.comments.latest_shown', { shown: comments.length })}</p> : null}
      <CommentList comments={comments} id={id} label={label} canReport={canReport} ownIds={ownIds} answers={answers} />
      {count.total > comments.length ? (
        <p>
          <a href={href(listPath(consultationId, target))}>
            {targetName === null
              ? t('participate.comments.all_whole', { count: count.total })
              : t('participate.comments.all', { count: count.total, target: targetName })}
          </a>
        </p>
      ) : null}
    </>
  );
}

/** Numbered pages (the first, the last and two either side of the current one), usable without JavaScript. */
function Pager({ page, pages, link, label }: { page: number; pages: number; link: (n: number) => string; label: string }) {
  const { t, href, num } = usePage();
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={label}>
      <p>{t('participate.pages.status', { page, pages })}</p>
      <div class="actions">
        {page > 1 ? (
          <a href={href(link(page - 1))} rel="prev">
            {t('participate.pages.previous')}
          </a>
        ) : null}
        {shown.map((n, i) => (
          <Fragment key={n}>
            {i > 0 && n - shown[i - 1] > 1 ? <span aria-hidden="true">…</span> : null}
            <a href={href(link(n))} aria-current={n === page ? 'page' : undefined} aria-label={t('participate.pages.page', { page: n })}>
              {num(n)}
            </a>
          </Fragment>
        ))}
        {page < pages ? (
          <a href={href(link(page + 1))} rel="next">
            {t('participate.pages.next')}
          </a>
        ) : null}
      </div>
    </nav>
  );
}

export function ConsultationPage({
  d,
  participant,
  values = {},
  errors,
}: {
  d: Awaited<ReturnType<typeof publicConsultation>>;
  participant: ParticipantRow | undefined;
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const name = useArticleName();
  const c = d.consultation;
  const open = d.phase === 'open';
  const canAct = open && !!participant;
  const ownIds = new Set(d.own.map((o) => o.id));
  const on = (f: (x: PublicComment) => boolean) => d.comments.filter(f);
  return (
    <Layout title={title(lang, c)} nav="/consultations" description={pick(lang, c, 'summary')}>
      <Breadcrumbs items={[{ href: '/consultations', label: t('participate.public.title') }, { label: title(lang, c) }]} />
      <PageHeading title={title(lang, c)} caption={pick(lang, d.agency, 'name')} />
      <p>
        <PhaseTag phase={d.phase} /> <Period c={c} />
      </p>
      <Prose text={pick(lang, c, 'summary')} />
      {c.audience_ar && c.audience_en ? (
        <p>
          <strong>{t('participate.audience')}:</strong> {pick(lang, c, 'audience')}
        </p>
      ) : null}
      {d.services.length ? (
        <section aria-labelledby="concerns-h">
          <h2 id="concerns-h">{t('participate.links.title')}</h2>
          <ul>
            {d.services.map((l) => (
              <li key={l.path}>
                <a href={href(l.path)}>{pick(lang, l, 'name')}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <InitiativeList items={d.initiatives} heading={t('participate.initiatives.title')} id="initiatives-h" />
      <ErrorSummary errors={errors} />
      <section class="panel" aria-labelledby="take-part">
        <h2 id="take-part">{t('participate.take_part')}</h2>
        {d.phase === 'completed' ? (
          <p>
            <a href={href(`/consultations/${c.id}/report`)}>{t('participate.report.read')}</a>
          </p>
        ) : !open ? (
          <p>{t(d.phase === 'upcoming' ? 'participate.not_open_yet' : 'participate.closed_note')}</p>
        ) : participant ? (
          <>
            <p>{t('participate.taking_part_as', { name: participant.name, email: participant.email })}</p>
            <PostButton action={href('/consultations/participant/sign-out')} label={t('participate.sign_out')} tone="secondary" />
          </>
        ) : (
          <p>
            <a class="button" href={href(`/consultations/${c.id}/join`)}>
              {t('participate.join')}
            </a>{' '}
            {t('participate.join_hint')}
          </p>
        )}
        {d.phase === 'completed' ? null : <Follow topic={consultationTopic(c.id)} label={t('participate.follow.answers')} />}
      </section>

      <h2>{t('participate.text')}</h2>
      {d.articles.map((a) => {
        const tally = d.tally.get(a.id) ?? { agree: 0, disagree: 0 };
        const mine = d.myVotes.get(a.id);
        return (
          <section key={a.id} id={`article-${a.position}`} aria-labelledby={`article-${a.position}-h`} class="article">
            <h3 id={`article-${a.position}-h`}>{name(a)}</h3>
            <Prose text={a.body} />
            <p class="muted">
              {t('participate.tally', { agree: num(tally.agree), disagree: num(tally.disagree) })}
              {mine ? ` · ${t(mine === 'agree' ? 'participate.you_agree' : 'participate.you_disagree')}` : ''}
            </p>
            {canAct ? (
              <div class="actions">
                <PostButton
                  action={href(`/consultations/articles/${a.id}/vote`)}
                  fields={{ stance: 'agree' }}
                  label={t('participate.agree_with', { article: name(a) })}
                  tone={mine === 'agree' ? undefined : 'secondary'}
                />
                <PostButton
                  action={href(`/consultations/articles/${a.id}/vote`)}
                  fields={{ stance: 'disagree' }}
                  label={t('participate.disagree_with', { article: name(a) })}
                  tone={mine === 'disagree' ? undefined : 'secondary'}
                />
              </div>
            ) : null}
            <h4>{t('participate.comments_on', { article: name(a) })}</h4>
            <TargetComments
              consultationId={c.id}
              target={{ article_id: a.id, question_id: null }}
              targetName={name(a)}
              comments={on((x) => x.article_id === a.id)}
              count={d.count({ article_id: a.id, question_id: null })}
              id={`comments-${a.position}`}
              label={t('participate.comments_on', { article: name(a) })}
              canReport={!!participant}
              ownIds={ownIds}
            />
          </section>
        );
      })}

      {d.questions.length > 0 ? (
        <>
          <h2>{t('participate.questions')}</h2>
          {d.questions.map((q) => (
            <section key={q.id} aria-labelledby={`question-${q.position}-h`}>
              <h3 id={`question-${q.position}-h`}>{pick(lang, q, 'text')}</h3>
              <TargetComments
                consultationId={c.id}
                target={{ article_id: null, question_id: q.id }}
                targetName={t('participate.target.question', { n: num(q.position) })}
                comments={on((x) => x.question_id === q.id)}
                count={d.count({ article_id: null, question_id: q.id })}
                id={`answers-${q.position}`}
                label={t('participate.answers_to', { n: num(q.position) })}
                canReport={!!participant}
                ownIds={ownIds}
              />
            </section>
          ))}
        </>
      ) : null}

      <h2>{t('participate.comments_whole')}</h2>
      <TargetComments
        consultationId={c.id}
        target={{ article_id: null, question_id: null }}
        targetName={null}
        comments={on((x) => x.article_id === null && x.question_id === null)}
        count={d.count({ article_id: null, question_id: null })}
        id="comments-whole"
        label={t('participate.comments_whole')}
        canReport={!!participant}
        ownIds={ownIds}
      />

      {d.own.length > 0 ? (
        <section aria-labelledby="own-h">
          <h2 id="own-h">{t('participate.own.title')}</h2>
          <ul class="comments">
            {d.own.map((o) => (
              <li key={o.id}>
                <p class="muted">
                  <DateTime value={o.created_at} /> · {label(statusLabel, o.status)} ·{' '}
                  {t(o.author === null ? 'participate.own.shown_anonymous' : 'participate.own.shown_named')}
                </p>
                <Prose text={o.body} />
                {o.status !== 'visible' ? (
                  <p>
                    {t('participate.own.moderation_reason')}: {o.moderation_reason ?? t('participate.moderation.hidden_by_reports_reason')}
                  </p>
                ) : null}
                {o.disposition ? (
                  <p>
                    {label(dispositionLabel, o.disposition)}: {o.disposition_reason}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {canAct ? (
        <section aria-labelledby="comment-form-h">
          <h2 id="comment-form-h">{t('participate.comment_form')}</h2>
          <form method="post" action={href(`/consultations/${c.id}/comments`)} class="panel">
            <Csrf />
            <Select
              name="target"
              label={t('participate.field.target')}
              value={str(values.target) ?? 'whole'}
              errors={errors}
              options={[
                { value: 'whole', label: t('participate.target.whole') },
                ...d.articles.map((a) => ({ value: `article:${a.id}`, label: name(a) })),
                ...d.questions.map((q) => ({ value: `question:${q.id}`, label: t('participate.target.question', { n: num(q.position) }) })),
              ]}
            />
            <TextArea name="body" label={t('participate.field.body')} value={str(values.body)} errors={errors} rows={6} required />
            <Choices
              type="radio"
              name="display"
              legend={t('participate.field.display')}
              hint={t('participate.field.display_hint')}
              values={[str(values.display) ?? 'name']}
              errors={errors}
              options={[
                { value: 'name', label: t('participate.display.name', { name: participant.name }) },
                { value: 'anonymous', label: t('participate.display.anonymous') },
              ]}
            />
            <button type="submit" class="button">
              {t('participate.submit_comment')}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

/** Where the code form leads: back to a consultation, or to ideas (`next` is the ideas page to return to). */
function useJoinTarget(c: { id: number; title_ar: string; title_en: string } | undefined, step: string) {
  const { t, lang } = usePage();
  return c
    ? {
        base: `/consultations/${c.id}`,
        crumbs: [
          { href: '/consultations', label: t('participate.public.title') },
          { href: `/consultations/${c.id}`, label: title(lang, c) },
          { label: step },
        ],
      }
    : { base: '/ideas', crumbs: [{ href: '/ideas', label: t('participate.ideas.title') }, { label: step }] };
}

/** The address form: for a consultation (`c`), or for ideas (no `c`; `next` says which ideas page follows). */
export function JoinPage({
  c,
  next,
  values = {},
  errors,
}: {
  c?: { id: number; title_ar: string; title_en: string };
  next?: string;
  values?: Values;
  errors?: Errors;
}) {
  const { t, href } = usePage();
  const target = useJoinTarget(c, t('participate.join.title'));
  return (
    <Layout title={t('participate.join.title')} nav={c ? '/consultations' : '/ideas'}>
      <Breadcrumbs items={target.crumbs} />
      <PageHeading title={t('participate.join.title')} lead={t('participate.join.lead')} />
      <ErrorSummary errors={errors} />
      <form method="post" action={href(`${target.base}/join`)} class="panel">
        <Csrf />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <Field
          name="email"
          type="email"
          label={t('participate.field.email')}
          value={str(values.email)}
          errors={errors}
          autocomplete="email"
          dir="ltr"
          required
        />
        <Field
          name="name"
          label={t('participate.field.name')}
          hint={t('participate.field.name_hint')}
          value={str(values.name)}
          errors={errors}
          autocomplete="name"
          required
        />
        <button type="submit" class="button">
          {t('participate.join.send_code')}
        </button>
      </form>
    </Layout>
  );
}

export function CodePage({
  c,
  next,
  pending,
  errors,
}: {
  c?: { id: number; title_ar: string; title_en: string };
  next?: string;
  pending: string;
  errors?: Errors;
}) {
  const { t, href } = usePage();
  const target = useJoinTarget(c, t('participate.code.title'));
  return (
    <Layout title={t('participate.code.title')} nav={c ? '/consultations' : '/ideas'}>
      <Breadcrumbs items={target.crumbs} />
      <PageHeading title={t('participate.code.title')} lead={t('participate.code.lead')} />
      <ErrorSummary errors={errors} />
      <form method="post" action={href(`${target.base}/verify`)} class="panel">
        <Csrf />
        <input type="hidden" name="pending" value={pending} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <Field
          name="code"
          label={t('participate.field.code')}
          errors={errors}
          inputMode="numeric"
          autocomplete="one-time-code"
          dir="ltr"
          required
        />
        <button type="submit" class="button">
          {t('participate.code.verify')}
        </button>
      </form>
      <p>
        <a href={href(`${target.base}/join${next ? `?next=${encodeURIComponent(next)}` : ''}`)}>{t('participate.code.again')}</a>
      </p>
    </Layout>
  );
}

function Compared({ rows }: { rows: ArticleComparison[] }) {
  const { t } = usePage();
  const name = useArticleName();
  const changeLabel = {
    unchanged: t('participate.change.unchanged'),
    changed: t('participate.change.changed'),
    added: t('participate.change.added'),
    removed: t('participate.change.removed'),
  };
  return (
    <div class="table-wrap" tabIndex={0}>
      <table class="comparison">
        <caption>{t('participate.report.comparison_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('participate.report.article')}</th>
            <th scope="col">{t('participate.report.draft')}</th>
            <th scope="col">{t('participate.report.final')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.position}>
              <th scope="row">
                {name({ position: r.position, label: r.final?.label || r.draft?.label || '' })}
                <br />
                <span class="muted">{changeLabel[r.change]}</span>
              </th>
              <td>
                {r.parts
                  .filter((p) => p.kind !== 'added')
                  .map((p, i) =>
                    p.kind === 'removed' ? (
                      <del key={i}>
                        <span class="visually-hidden">{t('participate.diff.removed')} </span>
                        {p.text}
                      </del>
                    ) : (
                      <span key={i}>{p.text}</span>
                    ),
                  )}
              </td>
              <td>
                {r.parts
                  .filter((p) => p.kind !== 'removed')
                  .map((p, i) =>
                    p.kind === 'added' ? (
                      <ins key={i}>
                        <span class="visually-hidden">{t('participate.diff.added')} </span>
                        {p.text}
                      </ins>
                    ) : (
                      <span key={i}>{p.text}</span>
                    ),
                  )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The consultation's figures as files (small counts suppressed). */
export function Downloads({ id }: { id: number }) {
  const { t, lang } = usePage();
  return (
    <p>
      {t('participate.stats.downloads')}:{' '}
      <a href={`/exports/consultations/${id}/statistics.csv?lang=${lang}`} download>
        {t('participate.stats.download_csv')}
      </a>{' '}
      ·{' '}
      <a href={`/exports/consultations/${id}/statistics.xlsx?lang=${lang}`} download>
        {t('participate.stats.download_xlsx')}
      </a>
    </p>
  );
}

export function ReportPage({ r }: { r: Awaited<ReturnType<typeof publicReport>> }) {
  const { t, lang, num, href } = usePage();
  const label = useLabel();
  const name = useArticleName();
  const c = r.consultation;
  const on = (f: (x: PublicComment) => boolean) => r.comments.filter(f);
  const answered = Object.values(r.byDisposition).reduce((s, n) => s + (n ?? 0), 0);
  return (
    <Layout title={t('participate.report.title', { title: title(lang, c) })} nav="/consultations">
      <Breadcrumbs
        items={[
          { href: '/consultations', label: t('participate.public.title') },
          { href: `/consultations/${c.id}`, label: title(lang, c) },
          { label: t('participate.report.short') },
        ]}
      />
      <PageHeading title={t('participate.report.title', { title: title(lang, c) })} caption={pick(lang, r.agency, 'name')} />
      <p>
        <Period c={c} /> · {t('participate.report.completed_on')} <DateTime value={c.completed_at} />
      </p>
      <Prose text={pick(lang, c, 'report') || ''} />
      <InitiativeList items={r.initiatives} heading={t('participate.initiatives.title')} id="initiatives-h" />
      <h2>{t('participate.report.figures')}</h2>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('participate.report.figures_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('participate.report.disposition')}</th>
              <th scope="col">{t('participate.report.count')}</th>
            </tr>
          </thead>
          <tbody>
            {dispositions.map((k) => (
              <tr key={k}>
                <th scope="row">{label(dispositionLabel, k)}</th>
                <td>{num(r.byDisposition[k] ?? 0)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('participate.report.total')}</th>
              <td>{t('participate.report.answered_of', { answered: num(answered), total: num(r.total) })}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <AnswerTimesTable times={r.times} />
      <Downloads id={c.id} />
      <h2>{t('participate.report.comparison')}</h2>
      <p>{t('participate.report.comparison_lead')}</p>
      <Compared rows={r.compared} />
      <h2>{t('participate.report.answers')}</h2>
      <p class="muted">{t('participate.report.answers_note')}</p>
      <p>
        <a href={`/exports/consultations/${c.id}/comments.csv?lang=${lang}`} download>
          {t('participate.report.download')}
        </a>
      </p>
      {r.articles.map((a) => (
        <section key={a.id} aria-labelledby={`answers-article-${a.position}-h`}>
          <h3 id={`answers-article-${a.position}-h`}>{name(a)}</h3>
          <TargetComments
            consultationId={c.id}
            target={{ article_id: a.id, question_id: null }}
            targetName={name(a)}
            comments={on((x) => x.article_id === a.id)}
            count={r.count({ article_id: a.id, question_id: null })}
            id={`answers-article-${a.position}`}
            label={t('participate.comments_on', { article: name(a) })}
            answers
          />
        </section>
      ))}
      {r.questions.map((q) => (
        <section key={q.id} aria-labelledby={`answers-question-${q.position}-h`}>
          <h3 id={`answers-question-${q.position}-h`}>{pick(lang, q, 'text')}</h3>
          <TargetComments
            consultationId={c.id}
            target={{ article_id: null, question_id: q.id }}
            targetName={t('participate.target.question', { n: num(q.position) })}
            comments={on((x) => x.question_id === q.id)}
            count={r.count({ article_id: null, question_id: q.id })}
            id={`answers-question-${q.position}`}
            label={t('participate.answers_to', { n: num(q.position) })}
            answers
          />
        </section>
      ))}
      <section aria-labelledby="answers-whole-h">
        <h3 id="answers-whole-h">{t('participate.comments_whole')}</h3>
        <TargetComments
          consultationId={c.id}
          target={{ article_id: null, question_id: null }}
          targetName={null}
          comments={on((x) => x.article_id === null && x.question_id === null)}
          count={r.count({ article_id: null, question_id: null })}
          id="answers-whole"
          label={t('participate.comments_whole')}
          answers
        />
      </section>
      <p>
        <a href={href(`/consultations/${c.id}`)}>{t('participate.report.back')}</a>
      </p>
      <Follow topic={NEW_CONSULTATIONS_TOPIC} label={t('participate.follow.new')} />
    </Layout>
  );
}

/** Every visible comment on one article, question or the whole text, a page at a time (with the answers once completed). */
export function CommentsListPage({
  d,
  participant,
}: {
  d: Awaited<ReturnType<typeof publicComments>>;
  participant: ParticipantRow | undefined;
}) {
  const { t, lang, num, href } = usePage();
  const name = useArticleName();
  const c = d.consultation;
  const completed = c.status === 'completed';
  const target: CommentTarget = {
    article_id: d.target.kind === 'article' ? d.target.article.id : null,
    question_id: d.target.kind === 'question' ? d.target.question.id : null,
  };
  const heading =
    d.target.kind === 'article'
      ? t('participate.comments_on', { article: name(d.target.article) })
      : d.target.kind === 'question'
        ? t('participate.answers_to', { n: num(d.target.question.position) })
        : t('participate.comments_whole');
  const path = listPath(c.id, target);
  const link = (n: number) => `${path}${path.includes('?') ? '&' : '?'}page=${n}`;
  return (
    <Layout title={d.pages > 1 ? t('participate.pages.title', { title: heading, page: d.page }) : heading} nav="/consultations">
      <Breadcrumbs
        items={[
          { href: '/consultations', label: t('participate.public.title') },
          { href: `/consultations/${c.id}`, label: title(lang, c) },
          ...(completed ? [{ href: `/consultations/${c.id}/report`, label: t('participate.report.short') }] : []),
          { label: heading },
        ]}
      />
      <PageHeading title={heading} caption={title(lang, c)} />
      {d.target.kind === 'question' ? <p>{pick(lang, d.target.question, 'text')}</p> : null}
      {d.count.total > 0 ? <p>{t('participate.comments.list_lead', { count: d.count.total, size: COMMENTS_PAGE })}</p> : null}
      {completed ? <Counts count={d.count} answers /> : null}
      <CommentList comments={d.comments} id="comments" label={heading} canReport={!!participant} ownIds={d.ownIds} answers={completed} />
      <Pager page={d.page} pages={d.pages} link={link} label={t('participate.pages.label', { title: heading })} />
      <p>
        <a href={href(completed ? `/consultations/${c.id}/report` : `/consultations/${c.id}`)}>
          {t(completed ? 'participate.comments.back_report' : 'participate.report.back')}
        </a>
      </p>
    </Layout>
  );
}
