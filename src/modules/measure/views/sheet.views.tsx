import type { MessageKey } from '../../../messages.ts';
import { actorAgencyIds } from '../../../platform/auth/actor.ts';
import { lastLocalDate } from '../../../platform/i18n/dates.ts';
import { pick } from '../../../platform/i18n/i18n.ts';
import { AutosaveStatus, Breadcrumbs, Csrf, DateTime, ErrorSummary, type Errors, PostButton } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import { type Conflict, editableAnswer, type Sheet } from '../answers.service.ts';
import type { FrameworkNode, QuestionNode } from '../scoring/framework.schema.ts';
import { describeValue, valueFromJson } from '../values.ts';
import { AnswerInputs, fieldValues } from './answer-input.tsx';
import { AnswerStatusTag, MeasureLayout, nameOf, ParticipantStatusTag } from './common.tsx';

export interface SheetProps {
  sheet: Sheet;
  section: string;
  typed?: Record<string, unknown>;
  errors?: Errors;
  conflicts?: Conflict[];
  can: { review: boolean; submit: boolean };
}

const questionsIn = (n: FrameworkNode): QuestionNode[] => (n.type === 'question' ? [n] : n.children.flatMap(questionsIn));

/** The section is the page's h2, so nodes under it start at h3 and go one level down per depth. */
const heading = (depth: number) => `h${Math.min(6, depth + 2)}` as 'h3';

/** Where a sheet's pages live. */
export const sheetPath = (roundId: number, agencyId: number) => `/console/measure/rounds/${roundId}/agencies/${agencyId}`;

function SectionNav({ p }: { p: SheetProps }) {
  const { t, href, lang, num } = usePage();
  const { sheet } = p;
  const base = sheetPath(sheet.round.id, sheet.participant.agency_id);
  return (
    <nav class="subnav sections" aria-label={t('measure.sheet.sections')}>
      <ul>
        {sheet.framework.nodes.map((n) => {
          const qs = questionsIn(n);
          const done = qs.filter((q) => {
            const r = sheet.answers.get(q.key);
            return r && (r.value_json !== null || r.na === 1);
          }).length;
          return (
            <li key={n.key}>
              <a href={href(`${base}?section=${encodeURIComponent(n.key)}`)} aria-current={p.section === n.key ? 'page' : undefined}>
                {nameOf(lang, n)} <span class="count">({t('measure.participant.of', { n: num(done), total: num(qs.length) })})</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function ReadOnlyAnswer({ q, p }: { q: QuestionNode; p: SheetProps }) {
  const { t, lang } = usePage();
  const row = p.sheet.answers.get(q.key);
  if (!row) return <p class="muted">{t('measure.answer.none')}</p>;
  return (
    <dl class="summary">
      <dt>{t('measure.question.agency_answer')}</dt>
      <dd>{describeValue(lang, q, valueFromJson(row.value_json), row.na === 1)}</dd>
      {row.status === 'adjusted' ? (
        <>
          <dt>{t('measure.question.adjusted_value')}</dt>
          <dd>{describeValue(lang, q, valueFromJson(row.review_value_json), row.review_na === 1)}</dd>
        </>
      ) : null}
      {row.comment ? (
        <>
          <dt>{t('measure.input.comment')}</dt>
          <dd>{row.comment}</dd>
        </>
      ) : null}
    </dl>
  );
}

function Question({ q, p, depth }: { q: QuestionNode; p: SheetProps; depth: number }) {
  const { t, lang, href, num } = usePage();
  const { sheet } = p;
  const row = sheet.answers.get(q.key);
  const editable = sheet.canAnswer && editableAnswer(sheet.mode, row);
  const files = row ? (sheet.evidence.get(row.id)?.length ?? 0) : 0;
  const conflict = p.conflicts?.find((c) => c.key === q.key);
  const guidance = lang === 'ar' ? q.guidance_ar : q.guidance_en;
  const evidenceText = lang === 'ar' ? q.evidence.description_ar : q.evidence.description_en;
  const id = `q-${q.key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const H = heading(depth);
  return (
    <section class={`question${row?.status === 'returned' ? ' returned' : ''}`} aria-labelledby={id}>
      <H id={id}>{nameOf(lang, q)}</H>
      <p class="question-meta">
        {row ? <AnswerStatusTag status={row.status} /> : <AnswerStatusTag status="draft" />}{' '}
        {q.evidence.required ? <span class="muted">{t('measure.framework.evidence_required')}</span> : null}
      </p>
      {guidance ? <p class="guidance">{guidance}</p> : null}
      {evidenceText ? <p class="hint">{t('measure.question.evidence_text', { text: evidenceText })}</p> : null}
      {row?.status === 'returned' || row?.status === 'responded' ? (
        <p class="notice warn">{t('measure.question.returned_reason', { reason: row.review_reason ?? '' })}</p>
      ) : null}
      {conflict ? (
        <p class="notice warn" role="alert">
          {t('measure.sheet.conflict_one', {
            by: conflict.current?.updated_by ?? '—',
            value: describeValue(lang, q, conflict.attempted.value, conflict.attempted.na),
          })}
        </p>
      ) : null}
      {editable ? (
        <AnswerInputs
          q={q}
          v={fieldValues(q, row, conflict ? undefined : p.typed)}
          errors={p.errors}
          row={row}
          responding={sheet.mode === 'returned'}
        />
      ) : (
        <ReadOnlyAnswer q={q} p={p} />
      )}
      <p>
        <a href={href(`${sheetPath(sheet.round.id, sheet.participant.agency_id)}/questions/${encodeURIComponent(q.key)}`)}>
          {editable ? t('measure.sheet.evidence_link', { count: files, n: num(files) }) : t('measure.sheet.details_link')}
          <span class="visually-hidden"> — {nameOf(lang, q)}</span>
        </a>
      </p>
    </section>
  );
}

function Node({ n, p, depth }: { n: FrameworkNode; p: SheetProps; depth: number }) {
  const { lang } = usePage();
  if (n.type === 'question') return <Question q={n} p={p} depth={depth} />;
  const H = heading(depth);
  const guidance = lang === 'ar' ? n.guidance_ar : n.guidance_en;
  return (
    <div class={`group group-${n.type}`}>
      {depth > 0 ? <H>{nameOf(lang, n)}</H> : null}
      {depth > 0 && guidance ? <p class="guidance">{guidance}</p> : null}
      {n.children.map((c) => (
        <Node key={c.key} n={c} p={p} depth={depth + 1} />
      ))}
    </div>
  );
}

function ModeNote({ sheet }: { sheet: Sheet }) {
  const { t, timeZone, actor } = usePage();
  // The agency's own staff read "your answers"; reviewers and the office read about the agency.
  const own = actorAgencyIds(actor).includes(sheet.participant.agency_id);
  const last = `${lastLocalDate(sheet.round.closes_at, timeZone)}T12:00:00Z`;
  if (sheet.mode === 'all')
    return (
      <p class="notice">
        {t(own ? 'measure.sheet.mode_all' : 'measure.sheet.office.mode_all')} <DateTime value={last} />
      </p>
    );
  if (sheet.mode === 'returned')
    return <p class="notice warn">{t(own ? 'measure.sheet.mode_returned' : 'measure.sheet.office.mode_returned')}</p>;
  const key: MessageKey =
    sheet.round.status !== 'open'
      ? 'measure.sheet.mode_locked'
      : sheet.participant.status === 'submitted'
        ? own
          ? 'measure.sheet.mode_submitted'
          : 'measure.sheet.office.mode_submitted'
        : sheet.round.opens_at > new Date().toISOString()
          ? 'measure.sheet.mode_not_yet'
          : 'measure.sheet.mode_closed';
  return <p class="notice">{t(key)}</p>;
}

export function SheetPage(p: SheetProps) {
  const { t, lang, href } = usePage();
  const { sheet } = p;
  const agencyName = pick(lang, sheet.participant.agency, 'name');
  const node = sheet.framework.nodes.find((n) => n.key === p.section) ?? sheet.framework.nodes[0];
  const base = sheetPath(sheet.round.id, sheet.participant.agency_id);
  const anyEditable = sheet.canAnswer && questionsIn(node).some((q) => editableAnswer(sheet.mode, sheet.answers.get(q.key)));
  const title = t('measure.sheet.title', { agency: agencyName });
  return (
    <MeasureLayout title={`${title} — ${nameOf(lang, node)}`}>
      <Breadcrumbs
        items={[
          { href: '/console/measure', label: t('measure.title') },
          { href: `/console/measure/rounds/${sheet.round.id}`, label: nameOf(lang, sheet.round) },
          { label: agencyName },
        ]}
      />
      <PageHeading title={title} caption={nameOf(lang, sheet.round)} />
      <p>
        <ParticipantStatusTag status={sheet.participant.status} />
      </p>
      <ModeNote sheet={sheet} />
      {p.conflicts?.length ? (
        <div class="error-summary" role="alert">
          <h2>{t('measure.sheet.conflicts_title')}</h2>
          <p>{t('measure.sheet.conflicts_lead', { count: p.conflicts.length })}</p>
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <div class="actions">
        {p.can.submit && sheet.mode !== 'none' ? (
          <a class="button secondary" href={href(`${base}/submit`)}>
            {t('measure.submit.title')}
          </a>
        ) : null}
        {sheet.canAnswer &&
        sheet.mode === 'all' &&
        sheet.framework.nodes.some((n) => questionsIn(n).some((q) => q.answer_type === 'automatic')) ? (
          <PostButton action={href(`${base}/refresh`)} label={t('measure.sheet.refresh')} tone="secondary" />
        ) : null}
        {p.can.review && sheet.round.status === 'open' && sheet.participant.status === 'submitted' ? (
          <PostButton
            action={href(`${base}/accept-pending`)}
            label={t('measure.review.accept_pending')}
            confirm={t('measure.review.accept_pending_confirm')}
          />
        ) : null}
      </div>
      <SectionNav p={p} />
      <h2>{nameOf(lang, node)}</h2>
      {anyEditable ? (
        <form
          method="post"
          action={href(`${base}/answers?section=${encodeURIComponent(node.key)}`)}
          class="sheet-form"
          data-autosave="true"
        >
          <Csrf />
          <Node n={node} p={p} depth={0} />
          <AutosaveStatus
            saved={t('measure.sheet.autosaved')}
            conflict={t('measure.sheet.autosave_conflict')}
            failed={t('measure.sheet.autosave_failed')}
          />
          <div class="actions sticky-actions">
            <button type="submit" class="button">
              {t('measure.sheet.save')}
            </button>
          </div>
        </form>
      ) : (
        <Node n={node} p={p} depth={0} />
      )}
    </MeasureLayout>
  );
}
