import { keyFor, pick } from '../../../platform/i18n/i18n.ts';
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
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Sheet } from '../answers.service.ts';
import { parseAuto } from '../automatic.service.ts';
import { EVIDENCE_KINDS } from '../evidence.service.ts';
import { decisionLabel, historyLabel } from '../measure.labels.ts';
import type { AnswerRow, EventRow, EvidenceRow } from '../repo/answers.repo.ts';
import type { QuestionNode } from '../scoring/framework.schema.ts';
import { describeValue, type Value, valueFromJson } from '../values.ts';
import { AnswerInputs, fieldValues, Reading } from './answer-input.tsx';
import { AnswerStatusTag, MeasureLayout, nameOf } from './common.tsx';
import { sheetPath } from './sheet.views.tsx';

export interface QuestionProps {
  sheet: Sheet;
  q: QuestionNode;
  trail: string[];
  section: string;
  row?: AnswerRow;
  evidence: EvidenceRow[];
  events: EventRow[];
  can: { answer: boolean; review: boolean };
  errors?: Errors;
  typed?: Record<string, unknown>;
}

function Answer({ q, row }: { q: QuestionNode; row?: AnswerRow }) {
  const { t, lang } = usePage();
  if (!row) return <p class="muted">{t('measure.answer.none')}</p>;
  return (
    <dl class="summary">
      <dt>{t('measure.question.status')}</dt>
      <dd>
        <AnswerStatusTag status={row.status} />
      </dd>
      <dt>{t('measure.question.agency_answer')}</dt>
      <dd>{describeValue(lang, q, valueFromJson(row.value_json), row.na === 1)}</dd>
      {row.comment ? (
        <>
          <dt>{t('measure.input.comment')}</dt>
          <dd>{row.comment}</dd>
        </>
      ) : null}
      {row.status === 'adjusted' ? (
        <>
          <dt>{t('measure.question.adjusted_value')}</dt>
          <dd>{describeValue(lang, q, valueFromJson(row.review_value_json), row.review_na === 1)}</dd>
        </>
      ) : null}
      {row.review_reason ? (
        <>
          <dt>{t('measure.question.review_reason')}</dt>
          <dd>{row.review_reason}</dd>
        </>
      ) : null}
      {row.response ? (
        <>
          <dt>{t('measure.input.response')}</dt>
          <dd>{row.response}</dd>
        </>
      ) : null}
      <dt>{t('measure.question.last_change')}</dt>
      <dd>
        <bdi>{row.updated_by ?? '—'}</bdi> — <DateTime value={row.updated_at} withTime />
      </dd>
    </dl>
  );
}

function Evidence({ p }: { p: QuestionProps }) {
  const { t, href, num } = usePage();
  const base = sheetPath(p.sheet.round.id, p.sheet.participant.agency_id);
  const links = p.row ? (p.sheet.links.get(p.row.id) ?? []) : [];
  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">{t('measure.evidence.title')}</h2>
      {links.length ? (
        <>
          <h3>{t('measure.question.links')}</h3>
          <ul>
            {links.map((l) => (
              <li key={l}>
                <a href={l} rel="noopener noreferrer nofollow" dir="ltr">
                  {l}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {p.evidence.length === 0 ? (
        links.length ? null : (
          <p>{t('measure.evidence.none')}</p>
        )
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption class="visually-hidden">{t('measure.evidence.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('measure.evidence.file')}</th>
                <th scope="col" class="num">
                  {t('measure.evidence.size')}
                </th>
                <th scope="col">{t('measure.evidence.uploaded')}</th>
                {p.can.answer ? <th scope="col">{t('measure.evidence.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {p.evidence.map((e) => (
                <tr key={e.id}>
                  <td>
                    <a href={`/measure/evidence/${e.id}`} download>
                      <bdi>{e.filename}</bdi>
                    </a>
                  </td>
                  <td class="num">{t('measure.evidence.kb', { kb: num(Math.max(1, Math.round(e.size / 1024))) })}</td>
                  <td>
                    <bdi>{e.uploaded_by ?? '—'}</bdi> — <DateTime value={e.uploaded_at} withTime />
                  </td>
                  {p.can.answer ? (
                    <td>
                      <PostButton
                        action={href(`/console/measure/evidence/${e.id}/remove`)}
                        label={t('measure.evidence.remove')}
                        tone="secondary"
                        confirm={t('measure.evidence.remove_confirm')}
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.can.answer ? (
        <form
          method="post"
          action={href(`${base}/questions/${encodeURIComponent(p.q.key)}/evidence`)}
          encType="multipart/form-data"
          class="panel"
          data-evidence="true"
        >
          <Csrf />
          <Field
            name="file"
            type="file"
            label={t('measure.evidence.add')}
            hint={t('measure.evidence.hint', { kinds: EVIDENCE_KINDS.join(', ').toUpperCase(), mb: 10 })}
            accept={EVIDENCE_KINDS.map((k) => `.${k}`).join(',')}
            errors={p.errors}
          />
          <Field name="filename" label={t('measure.evidence.name')} hint={t('measure.evidence.name_hint')} errors={p.errors} />
          <button type="submit" class="button secondary">
            {t('measure.evidence.upload')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function ReviewForm({ p }: { p: QuestionProps }) {
  const { t, href, lang } = usePage();
  const base = sheetPath(p.sheet.round.id, p.sheet.participant.agency_id);
  const typed = p.typed ?? {};
  return (
    <form
      method="post"
      action={href(`${base}/questions/${encodeURIComponent(p.q.key)}/review`)}
      class="panel"
      aria-labelledby="review-title"
    >
      <h2 id="review-title">{t('measure.review.title')}</h2>
      <Csrf />
      <Choices
        name="decision"
        type="radio"
        legend={t('measure.review.decision')}
        options={(['accept', 'adjust', 'return'] as const).map((d) => ({
          value: d,
          label: t(decisionLabel[d]),
        }))}
        values={[String(typed.decision ?? 'accept')]}
        errors={p.errors}
      />
      {p.q.answer_type === 'yes_no' || p.q.answer_type === 'levels' ? (
        // The adjusted answer is chosen among the question's own answers, in the page's language.
        <Select
          name="value"
          label={t('measure.review.value')}
          hint={t('measure.review.value_choice_hint')}
          blank="—"
          options={
            p.q.answer_type === 'yes_no'
              ? [
                  { value: 'yes', label: t('measure.answer.yes') },
                  { value: 'no', label: t('measure.answer.no') },
                ]
              : (p.q.levels ?? []).map((l) => ({ value: l.key, label: nameOf(lang, l) }))
          }
          value={typeof typed.value === 'string' ? typed.value : ''}
          errors={p.errors}
        />
      ) : (
        <Field
          name="value"
          label={t('measure.review.value')}
          hint={p.q.answer_type === 'automatic' || p.q.answer_type === 'percentage' ? t('measure.input.percentage_hint') : undefined}
          value={typeof typed.value === 'string' ? typed.value : ''}
          inputMode="decimal"
          errors={p.errors}
        />
      )}
      {p.q.allow_na ? (
        <div class="choice">
          <input type="checkbox" id="f-na" name="na" value="on" checked={!!typed.na} />
          <label for="f-na">{t('measure.review.na')}</label>
        </div>
      ) : null}
      <TextArea
        name="reason"
        label={t('measure.review.reason')}
        hint={t('measure.review.reason_hint')}
        value={typeof typed.reason === 'string' ? typed.reason : ''}
        rows={3}
        errors={p.errors}
      />
      <button type="submit" class="button">
        {t('measure.review.submit')}
      </button>
    </form>
  );
}

function History({ events, q }: { events: EventRow[]; q: QuestionNode }) {
  const { t, lang } = usePage();
  const historyText = (action: string) => {
    const key = keyFor(historyLabel, action);
    return key ? t(key) : action;
  };
  const text = (e: EventRow) => {
    const d = e.detail_json ? (JSON.parse(e.detail_json) as Record<string, unknown>) : {};
    // The value exactly as it was entered or adjusted, and who it was entered for.
    const value = 'value' in d ? describeValue(lang, q, d.value as Value, d.na === true) : undefined;
    const onBehalf = typeof d.on_behalf_of === 'string' ? t('measure.history.on_behalf', { agency: d.on_behalf_of }) : undefined;
    const links = Array.isArray(d.links) ? d.links.filter((x) => typeof x === 'string').join(' ') : undefined;
    return [onBehalf, value, d.reason, d.response, d.filename, links, d.comment].filter((x) => typeof x === 'string' && x).join(' · ');
  };
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('measure.history.title')}</h2>
      {events.length === 0 ? (
        <p>{t('measure.history.none')}</p>
      ) : (
        <ol class="history">
          {events.map((e) => (
            <li key={e.id}>
              <DateTime value={e.at} withTime /> — <strong>{historyText(e.action)}</strong> — <bdi>{e.actor_label ?? '—'}</bdi>
              {text(e) ? (
                <div class="muted">
                  <bdi>{text(e)}</bdi>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function QuestionPage(p: QuestionProps) {
  const { t, lang, href } = usePage();
  const { sheet, q, row } = p;
  const agencyName = pick(lang, sheet.participant.agency, 'name');
  const base = sheetPath(sheet.round.id, sheet.participant.agency_id);
  const guidance = lang === 'ar' ? q.guidance_ar : q.guidance_en;
  const evidenceText = lang === 'ar' ? q.evidence.description_ar : q.evidence.description_en;
  return (
    <MeasureLayout title={nameOf(lang, q)}>
      <Breadcrumbs
        items={[
          { href: '/console/measure', label: t('measure.title') },
          { href: `/console/measure/rounds/${sheet.round.id}`, label: nameOf(lang, sheet.round) },
          { href: base, label: agencyName },
          { label: nameOf(lang, q) },
        ]}
      />
      <PageHeading title={nameOf(lang, q)} caption={p.trail.join(' › ')} />
      <ErrorSummary errors={p.errors} />
      {guidance ? <p class="lead">{guidance}</p> : null}
      <p>
        {q.evidence.required ? t('measure.framework.evidence_required') : t('measure.question.evidence_optional')}
        {evidenceText ? ` — ${evidenceText}` : ''}
      </p>
      <h2>{t('measure.question.answer')}</h2>
      {q.answer_type === 'automatic' ? <Reading q={q} auto={parseAuto(row?.auto_json ?? null)} /> : null}
      <Answer q={q} row={row} />
      {p.can.answer ? (
        <form method="post" action={href(`${base}/answers?question=${encodeURIComponent(q.key)}`)} class="panel">
          <Csrf />
          <AnswerInputs q={q} v={fieldValues(q, row, p.typed)} errors={p.errors} row={row} responding={sheet.mode === 'returned'} />
          <button type="submit" class="button">
            {t('measure.sheet.save')}
          </button>
        </form>
      ) : null}
      <Evidence p={p} />
      {p.can.review ? <ReviewForm p={p} /> : null}
      <History events={p.events} q={q} />
      <p>
        <a href={href(`${base}?section=${encodeURIComponent(p.section)}`)}>{t('measure.question.back')}</a>
      </p>
    </MeasureLayout>
  );
}
