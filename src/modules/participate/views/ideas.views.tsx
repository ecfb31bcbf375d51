import { pick } from '../../../platform/i18n/i18n.ts';
import {
  Breadcrumbs,
  Csrf,
  DataTable,
  DateTime,
  Day,
  ErrorSummary,
  type Errors,
  Field,
  FilterForm,
  Pagination,
  PostButton,
  Select,
  Tag,
  TextArea,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { IdeaRow } from '../ideas.repo.ts';
import type { ConsoleIdea, PublicIdea, publicIdea } from '../ideas.service.ts';
import { ideaAnswerKeys, ideaCategoryKeys, ideaModerationKeys } from '../labels.ts';
import type { ParticipantRow } from '../participate.repo.ts';
import type { IdeaRule } from '../participate.schema.ts';
import { type IdeaAnswer, type IdeaModeration, ideaAnswers, ideaCategories, ideaModerations } from '../participate.tables.ts';
import { followable, IDEA_ANSWERS_TOPIC, ideaTopic } from '../subscriptions.ts';
import { Follow, InitiativeList, Prose } from './common.tsx';

// Ideas pages: the public list with its filters, an idea with its answers, the proposal form, and the
// console's list and idea page with moderation and the official answer.

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

function AnswerTag({ answer }: { answer: IdeaAnswer | null }) {
  const { t } = usePage();
  if (answer === null) return <Tag tone="grey">{t('participate.idea.answer.none')}</Tag>;
  return <Tag tone={answer === 'declined' ? 'red' : answer === 'under_study' ? 'amber' : undefined}>{t(ideaAnswerKeys[answer])}</Tag>;
}

function ModerationTag({ state }: { state: IdeaModeration }) {
  const { t } = usePage();
  return <Tag tone={state === 'rejected' ? 'red' : state === 'pending' ? 'amber' : undefined}>{t(ideaModerationKeys[state])}</Tag>;
}

type Deadline = { due: string; state: 'due' | 'overdue' | 'answered_on_time' | 'answered_late' } | null;
const deadlineKeys = {
  due: 'participate.idea_due.due',
  overdue: 'participate.idea_due.overdue',
  answered_on_time: 'participate.idea_due.answered_on_time',
  answered_late: 'participate.idea_due.answered_late',
} as const;

/** Where an idea stands against its official answer's last day (once its supports reached the threshold). */
function DeadlineNote({ deadline, short = false }: { deadline: Deadline; short?: boolean }) {
  const { t } = usePage();
  if (!deadline) return short ? <span class="muted">—</span> : null;
  const tone = deadline.state === 'overdue' || deadline.state === 'answered_late' ? 'red' : deadline.state === 'due' ? 'amber' : undefined;
  return (
    <span class="idea-deadline">
      <Tag tone={tone}>{t(deadlineKeys[deadline.state])}</Tag> {short ? null : `${t('participate.idea_due.last_day')} `}
      <Day value={deadline.due} />
    </span>
  );
}

/** Who an idea is addressed to: an agency's name, or the program. */
function useAddressee(agencies: Map<number, Agency>) {
  const { t, lang } = usePage();
  return (agencyId: number | null) => {
    const a = agencyId === null ? undefined : agencies.get(agencyId);
    return a ? pick(lang, a, 'name') : t('participate.idea.to_program');
  };
}

export function IdeasPage({
  list,
  agencies,
  query,
}: {
  list: { items: PublicIdea[]; hasNext: boolean; page: number };
  agencies: Map<number, Agency>;
  query: Record<string, string | undefined>;
}) {
  const { t, href, lang } = usePage();
  const to = useAddressee(agencies);
  return (
    <Layout title={t('participate.ideas.title')} nav="/ideas">
      <PageHeading title={t('participate.ideas.title')} lead={t('participate.ideas.lead')} />
      <p>
        <a class="button" href={href('/ideas/new')}>
          {t('participate.ideas.propose')}
        </a>
      </p>
      <Follow topic={IDEA_ANSWERS_TOPIC} label={t('participate.follow.idea_answers')} />
      <FilterForm action="/ideas">
        <Select
          name="to"
          label={t('participate.idea.field.to')}
          value={query.to}
          blank={t('participate.ideas.any')}
          options={[
            { value: 'program', label: t('participate.idea.to_program') },
            ...[...agencies.values()].map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') })),
          ]}
        />
        <Select
          name="category"
          label={t('participate.idea.field.category')}
          value={query.category}
          blank={t('participate.ideas.any')}
          options={ideaCategories.map((c) => ({ value: c, label: t(ideaCategoryKeys[c]) }))}
        />
        <Select
          name="answer"
          label={t('participate.idea.field.answer')}
          value={query.answer}
          blank={t('participate.ideas.any')}
          options={[
            { value: 'none', label: t('participate.idea.answer.none') },
            ...ideaAnswers.map((a) => ({ value: a, label: t(ideaAnswerKeys[a]) })),
          ]}
        />
        <Select
          name="sort"
          label={t('participate.ideas.sort')}
          value={query.sort ?? 'supported'}
          options={[
            { value: 'supported', label: t('participate.ideas.sort_supported') },
            { value: 'newest', label: t('participate.ideas.sort_newest') },
          ]}
        />
      </FilterForm>
      {list.items.length === 0 ? (
        <p>{t('participate.ideas.none')}</p>
      ) : (
        <ul class="cards">
          {list.items.map((i) => (
            <li class="card" key={i.id}>
              <h2>
                <a href={href(`/ideas/${i.id}`)}>{i.title}</a>
              </h2>
              <p>
                <AnswerTag answer={i.answer} /> {t(ideaCategoryKeys[i.category])} · {to(i.agency_id)}
              </p>
              <p>
                {t('participate.idea.supports', { count: i.supports })} · <DateTime value={i.published_at} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={list.page} hasNext={list.hasNext} query={query} />
    </Layout>
  );
}

export function IdeaPage({
  d,
  participant,
  agencies,
}: {
  d: Awaited<ReturnType<typeof publicIdea>>;
  participant: ParticipantRow | undefined;
  agencies: Map<number, Agency>;
}) {
  const { t, href, lang } = usePage();
  const to = useAddressee(agencies);
  const i = d.idea;
  const published = i.moderation === 'published';
  return (
    <Layout title={i.title} nav="/ideas">
      <Breadcrumbs items={[{ href: '/ideas', label: t('participate.ideas.title') }, { label: i.title }]} />
      <PageHeading title={i.title} caption={to(i.agency_id)} />
      <p>
        {published ? <AnswerTag answer={i.answer} /> : <ModerationTag state={i.moderation} />} {t(ideaCategoryKeys[i.category])}
      </p>
      {d.own && !published ? (
        <p>{t(i.moderation === 'pending' ? 'participate.idea.own_pending' : 'participate.idea.own_rejected')}</p>
      ) : null}
      <Prose text={i.description} />
      {d.service ? (
        <p>
          {t('participate.idea.field.service')}: <a href={href(`/services/${d.service.identifier}`)}>{pick(lang, d.service, 'name')}</a>
        </p>
      ) : null}
      <p>
        {t('participate.idea.proposed_on')} <DateTime value={i.created_at} />
      </p>
      <InitiativeList items={d.initiatives} heading={t('participate.idea.initiatives_title')} id="initiatives-h" />
      {published ? (
        <section class="panel" aria-labelledby="support-h">
          <h2 id="support-h">{t('participate.idea.support_title')}</h2>
          <p>{t('participate.idea.supports', { count: i.supports })}</p>
          {d.deadline ? (
            <p>
              {t('participate.idea_due.public_lead')} <DeadlineNote deadline={d.deadline} />
            </p>
          ) : null}
          {d.own ? (
            <p>{t('participate.idea.own_note')}</p>
          ) : d.supported ? (
            <p>{t('participate.idea.you_support')}</p>
          ) : participant ? (
            <PostButton action={href(`/ideas/${i.id}/support`)} label={t('participate.idea.support')} />
          ) : (
            <p>
              <a class="button" href={href(`/ideas/join?next=${encodeURIComponent(`/ideas/${i.id}`)}`)}>
                {t('participate.idea.verify_to_support')}
              </a>
            </p>
          )}
        </section>
      ) : null}
      <section aria-labelledby="history-h">
        <h2 id="history-h">{t('participate.idea.history')}</h2>
        {d.steps.length === 0 ? (
          <p class="muted">{t('participate.idea.no_answer_yet')}</p>
        ) : (
          <ol>
            {d.steps.map((s) => (
              <li key={s.id}>
                <p>
                  <strong>
                    {s.kind === 'answer' ? t(ideaAnswerKeys[s.state as IdeaAnswer]) : t(ideaModerationKeys[s.state as IdeaModeration])}
                  </strong>{' '}
                  · <DateTime value={s.at} />
                </p>
                {s.reason ? <Prose text={s.reason} /> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      {followable(i) ? <Follow topic={ideaTopic(i.id)} label={t('participate.follow.idea')} /> : null}
      <p>
        <a href={href('/ideas')}>{t('participate.ideas.back')}</a>
      </p>
    </Layout>
  );
}

export function IdeaFormPage({
  participant,
  agencies,
  services,
  values = {},
  errors,
}: {
  participant: ParticipantRow | undefined;
  agencies: Agency[];
  services: { id: number; agency_id: number; name_ar: string; name_en: string }[];
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const names = new Map(agencies.map((a) => [a.id, pick(lang, a, 'name')]));
  return (
    <Layout title={t('participate.ideas.propose')} nav="/ideas">
      <Breadcrumbs items={[{ href: '/ideas', label: t('participate.ideas.title') }, { label: t('participate.ideas.propose') }]} />
      <PageHeading title={t('participate.ideas.propose')} lead={t('participate.ideas.propose_lead')} />
      <ErrorSummary errors={errors} />
      {participant ? (
        <>
          <p>{t('participate.taking_part_as', { name: participant.name, email: participant.email })}</p>
          <form method="post" action={href('/ideas/new')} class="panel">
            <Csrf />
            <Select
              name="to"
              label={t('participate.idea.field.to')}
              value={str(values.to) ?? 'program'}
              errors={errors}
              options={[
                { value: 'program', label: t('participate.idea.to_program') },
                ...agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') })),
              ]}
              required
            />
            <Field name="title" label={t('participate.idea.field.title')} value={str(values.title)} errors={errors} required />
            <TextArea
              name="description"
              label={t('participate.idea.field.description')}
              hint={t('participate.idea.field.description_hint')}
              value={str(values.description)}
              errors={errors}
              rows={8}
              required
            />
            <Select
              name="category"
              label={t('participate.idea.field.category')}
              value={str(values.category)}
              errors={errors}
              options={ideaCategories.map((c) => ({ value: c, label: t(ideaCategoryKeys[c]) }))}
              required
            />
            <Select
              name="service_id"
              label={t('participate.idea.field.service')}
              hint={t('participate.idea.field.service_hint')}
              value={str(values.service_id)}
              errors={errors}
              blank={t('participate.idea.no_service')}
              options={services.map((s) => ({
                value: String(s.id),
                label: `${pick(lang, s, 'name')} — ${names.get(s.agency_id) ?? ''}`,
              }))}
            />
            <button type="submit" class="button">
              {t('participate.idea.submit')}
            </button>
          </form>
        </>
      ) : (
        <p>
          <a class="button" href={href('/ideas/join')}>
            {t('participate.join')}
          </a>{' '}
          {t('participate.idea.join_hint')}
        </p>
      )}
    </Layout>
  );
}

export function ConsoleIdeasPage({
  list,
  agencies,
  query,
  values = {},
  errors,
}: {
  list: { items: (IdeaRow & { deadline: Deadline })[]; hasNext: boolean; page: number; rule: IdeaRule; canSetRule: boolean };
  agencies: Map<number, Agency>;
  query: Record<string, string | undefined>;
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, num } = usePage();
  const to = useAddressee(agencies);
  return (
    <Layout title={t('participate.console.ideas_title')} nav="/console/ideas">
      <PageHeading title={t('participate.console.ideas_title')} lead={t('participate.console.ideas_lead')} />
      <ErrorSummary errors={errors} />
      <section aria-labelledby="rule-h">
        <h2 id="rule-h">{t('participate.idea_rule.title')}</h2>
        <p>{t('participate.idea_rule.current', { supports: list.rule.support_threshold, days: list.rule.answer_days })}</p>
        {list.canSetRule ? (
          <form method="post" action={href('/console/ideas/rule')} class="panel">
            <Csrf />
            <Field
              name="support_threshold"
              label={t('participate.idea_rule.support_threshold')}
              hint={t('participate.idea_rule.support_threshold_hint')}
              type="number"
              inputMode="numeric"
              value={str(values.support_threshold) ?? String(list.rule.support_threshold)}
              errors={errors}
              required
            />
            <Field
              name="answer_days"
              label={t('participate.idea_rule.answer_days')}
              hint={t('participate.idea_rule.answer_days_hint')}
              type="number"
              inputMode="numeric"
              value={str(values.answer_days) ?? String(list.rule.answer_days)}
              errors={errors}
              required
            />
            <button type="submit" class="button">
              {t('participate.idea_rule.save')}
            </button>
          </form>
        ) : null}
      </section>
      <FilterForm action="/console/ideas">
        <Select
          name="moderation"
          label={t('participate.idea.field.moderation')}
          value={query.moderation}
          blank={t('participate.ideas.any')}
          options={ideaModerations.map((m) => ({ value: m, label: t(ideaModerationKeys[m]) }))}
        />
      </FilterForm>
      <DataTable
        caption={t('participate.console.ideas_title')}
        headers={[
          t('participate.idea.field.title'),
          t('participate.idea.field.to'),
          t('participate.idea.field.moderation'),
          t('participate.idea.field.answer'),
          t('participate.idea.supports_header'),
          t('participate.idea_due.column'),
          t('participate.idea.proposed_on'),
        ]}
        empty={list.items.length === 0}
      >
        {list.items.map((i) => (
          <tr key={i.id}>
            <td>
              <a href={href(`/console/ideas/${i.id}`)}>{i.title}</a>
            </td>
            <td>{to(i.agency_id)}</td>
            <td>
              <ModerationTag state={i.moderation} />
            </td>
            <td>{i.moderation === 'published' ? <AnswerTag answer={i.answer} /> : null}</td>
            <td>{num(i.supports)}</td>
            <td>
              <DeadlineNote deadline={i.deadline} short />
            </td>
            <td>
              <DateTime value={i.created_at} />
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination page={list.page} hasNext={list.hasNext} query={query} />
    </Layout>
  );
}

export function ConsoleIdeaPage({
  d,
  agencies,
  values = {},
  errors,
  form,
}: {
  d: ConsoleIdea;
  agencies: Map<number, Agency>;
  values?: Values;
  errors?: Errors;
  /** Which form the errors belong to. */
  form?: 'moderate' | 'answer' | 'initiatives';
}) {
  const { t, href, num, lang } = usePage();
  const to = useAddressee(agencies);
  const i = d.idea;
  const v = (f: 'moderate' | 'answer') => (form === f ? values : {});
  const e = (f: 'moderate' | 'answer' | 'initiatives') => (form === f ? errors : undefined);
  return (
    <Layout title={i.title} nav="/console/ideas">
      <Breadcrumbs items={[{ href: '/console/ideas', label: t('participate.console.ideas_title') }, { label: i.title }]} />
      <PageHeading title={i.title} caption={to(i.agency_id)} />
      <ErrorSummary errors={errors} />
      <dl class="summary">
        <dt>{t('participate.idea.field.moderation')}</dt>
        <dd>
          <ModerationTag state={i.moderation} />
        </dd>
        <dt>{t('participate.idea.field.answer')}</dt>
        <dd>
          <AnswerTag answer={i.answer} />
        </dd>
        <dt>{t('participate.idea.field.category')}</dt>
        <dd>{t(ideaCategoryKeys[i.category])}</dd>
        <dt>{t('participate.idea.proposer')}</dt>
        <dd>{d.proposer ? `${d.proposer.name} <${d.proposer.email}>` : '—'}</dd>
        <dt>{t('participate.idea.supports_header')}</dt>
        <dd>{num(i.supports)}</dd>
        <dt>{t('participate.idea_due.column')}</dt>
        <dd>
          <DeadlineNote deadline={d.deadline} short />
        </dd>
        <dt>{t('participate.idea.field.service')}</dt>
        <dd>{d.service ? pick(lang, d.service, 'name') : '—'}</dd>
        <dt>{t('participate.idea.proposed_on')}</dt>
        <dd>
          <DateTime value={i.created_at} withTime />
        </dd>
      </dl>
      <Prose text={i.description} />
      {i.moderation === 'published' ? (
        <p>
          <a href={href(`/ideas/${i.id}`)}>{t('participate.console.public_page')}</a>
        </p>
      ) : null}
      {d.can.moderate && i.moderation !== 'rejected' ? (
        <section aria-labelledby="moderate-h">
          <h2 id="moderate-h">{t('participate.idea.moderate_title')}</h2>
          <form method="post" action={href(`/console/ideas/${i.id}/moderate`)} class="panel">
            <Csrf />
            <Select
              name="decision"
              label={t('participate.idea.field.decision')}
              value={str(v('moderate').decision)}
              errors={e('moderate')}
              options={[
                ...(i.moderation === 'pending' ? [{ value: 'publish', label: t('participate.idea.decision.publish') }] : []),
                { value: 'reject', label: t('participate.idea.decision.reject') },
              ]}
              required
            />
            <TextArea
              name="reason"
              label={t('participate.idea.field.reason')}
              hint={t('participate.idea.field.reason_hint')}
              value={str(v('moderate').reason)}
              errors={e('moderate')}
              rows={3}
            />
            <button type="submit" class="button">
              {t('participate.idea.moderate_save')}
            </button>
          </form>
        </section>
      ) : null}
      {d.can.answer ? (
        <section aria-labelledby="answer-h">
          <h2 id="answer-h">{t('participate.idea.answer_title')}</h2>
          <form method="post" action={href(`/console/ideas/${i.id}/answer`)} class="panel">
            <Csrf />
            <Select
              name="answer"
              label={t('participate.idea.field.answer')}
              value={str(v('answer').answer) ?? i.answer ?? undefined}
              errors={e('answer')}
              options={ideaAnswers.map((a) => ({ value: a, label: t(ideaAnswerKeys[a]) }))}
              required
            />
            <TextArea
              name="reason"
              label={t('participate.idea.field.answer_reason')}
              hint={t('participate.idea.field.answer_reason_hint')}
              value={str(v('answer').reason)}
              errors={e('answer')}
              rows={4}
            />
            <button type="submit" class="button">
              {t('participate.idea.answer_save')}
            </button>
          </form>
        </section>
      ) : null}
      {d.can.link ? (
        <section aria-labelledby="link-h">
          <h2 id="link-h">{t('participate.idea.initiatives_title')}</h2>
          <p>{t('participate.idea.initiatives_lead')}</p>
          <form method="post" action={href(`/console/ideas/${i.id}/initiatives`)} class="panel">
            <Csrf />
            <TextArea
              name="initiatives"
              label={t('participate.field.initiatives')}
              hint={t('participate.field.initiatives_hint')}
              value={form === 'initiatives' ? str(values.initiatives) : d.initiatives.join('\n')}
              errors={e('initiatives')}
              dir="ltr"
              rows={3}
            />
            <button type="submit" class="button">
              {t('participate.idea.initiatives_save')}
            </button>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="steps-h">
        <h2 id="steps-h">{t('participate.idea.history')}</h2>
        {d.steps.length === 0 ? (
          <p class="muted">{t('participate.idea.no_steps')}</p>
        ) : (
          <ol>
            {d.steps.map((s) => (
              <li key={s.id}>
                <p>
                  <strong>
                    {s.kind === 'answer' ? t(ideaAnswerKeys[s.state as IdeaAnswer]) : t(ideaModerationKeys[s.state as IdeaModeration])}
                  </strong>{' '}
                  · <DateTime value={s.at} withTime /> · {s.actor_label}
                </p>
                {s.reason ? <Prose text={s.reason} /> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </Layout>
  );
}
