import { keyFor, pick } from '../../../platform/i18n/i18n.ts';
import {
  Csrf,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  Pagination,
  PostButton,
  Select,
  Tag,
  TextArea,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import { ratingRepliedLabel, ratingStateLabel, scaleLabel } from '../feedback.labels.ts';
import type { listComments } from '../ratings.service.ts';
import { FeedbackNav, Paragraphs } from './parts.tsx';

type Item = Awaited<ReturnType<typeof listComments>>['items'][number];

/** Comments on an agency's services: read, reply in public, hide the abusive ones. */
export function RatingsPage(p: {
  items: Item[];
  hasNext: boolean;
  page: number;
  filters: Record<string, string | undefined>;
  agencies: Agency[];
  serviceNames: Map<number, string>;
  can: { moderate: (agencyId: number) => boolean };
  errors?: Errors;
  errorFor?: number;
}) {
  const { t, href, lang } = usePage();
  const scaleText = (n: number) => {
    const key = keyFor(scaleLabel, n);
    return key ? t(key) : String(n);
  };
  return (
    <Layout title={t('feedback.ratings.title')} nav="/console/feedback">
      <PageHeading title={t('feedback.ratings.title')} lead={t('feedback.ratings.lead')} />
      <FeedbackNav current="/console/feedback/ratings" />
      <ErrorSummary errors={p.errors} />
      <form method="get" action={href('/console/feedback/ratings')} class="filters panel" role="search" aria-label={t('filters.label')}>
        <Select
          name="state"
          label={t('feedback.ratings.state')}
          value={p.filters.state}
          blank={t('filters.any')}
          options={Object.entries(ratingStateLabel).map(([value, key]) => ({ value, label: t(key) }))}
        />
        <Select
          name="replied"
          label={t('feedback.ratings.replied')}
          value={p.filters.replied}
          blank={t('filters.any')}
          options={Object.entries(ratingRepliedLabel).map(([value, key]) => ({ value, label: t(key) }))}
        />
        {p.agencies.length > 1 ? (
          <Select
            name="agency"
            label={t('feedback.field.agency')}
            value={p.filters.agency}
            blank={t('filters.any')}
            options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
          />
        ) : null}
        <button type="submit" class="button secondary">
          {t('filters.apply')}
        </button>
      </form>
      {p.items.length === 0 ? <p>{t('feedback.ratings.empty')}</p> : null}
      <ol>
        {p.items.map((r) => {
          const id = `r${r.id}`;
          const errs = p.errorFor === r.id ? p.errors : undefined;
          return (
            <li key={r.id} class="panel">
              <h2 id={`${id}-h`}>
                {p.serviceNames.get(r.service_id) ?? r.service_id} — <DateTime value={r.created_at} />
              </h2>
              {r.satisfied ? <p class="muted">{t('feedback.ratings.satisfied', { answer: scaleText(r.satisfied) })}</p> : null}
              {r.comment_state === 'hidden' ? (
                <p>
                  <Tag tone="grey">{t('feedback.ratings.state.hidden')}</Tag>{' '}
                  {t('feedback.ratings.hidden', { reason: r.hidden_reason ?? '' })}
                </p>
              ) : (
                <blockquote lang={r.comment_lang ?? undefined}>
                  <Paragraphs text={r.comment ?? ''} />
                </blockquote>
              )}
              {r.public_reply && r.comment_state === 'visible' ? (
                <div>
                  <p>
                    <strong>{t('feedback.ratings.public_reply')}</strong> — {r.public_reply_by} (<DateTime value={r.public_reply_at} />)
                  </p>
                  <Paragraphs text={r.public_reply} />
                  <PostButton
                    action={href(`/console/feedback/ratings/${r.id}/withdraw`)}
                    label={t('feedback.action.withdraw_reply')}
                    tone="secondary"
                  />
                </div>
              ) : null}
              {r.comment_state === 'visible' ? (
                <form method="post" action={href(`/console/feedback/ratings/${r.id}/reply`)} class="stack">
                  <Csrf />
                  <TextArea
                    name={`reply_${r.id}`}
                    label={t('feedback.field.public_reply')}
                    hint={t('feedback.field.public_reply_hint')}
                    rows={3}
                    errors={errs}
                  />
                  <button type="submit" class="button secondary">
                    {t('feedback.action.publish_reply')}
                  </button>
                </form>
              ) : null}
              {p.can.moderate(r.agency_id) ? (
                r.comment_state === 'visible' ? (
                  <form method="post" action={href(`/console/feedback/ratings/${r.id}/hide`)} class="filters">
                    <Csrf />
                    <Field name={`reason_${r.id}`} label={t('feedback.field.hide_reason')} errors={errs} />
                    <button type="submit" class="button danger">
                      {t('feedback.action.hide')}
                    </button>
                  </form>
                ) : (
                  <PostButton
                    action={href(`/console/feedback/ratings/${r.id}/unhide`)}
                    label={t('feedback.action.unhide')}
                    tone="secondary"
                  />
                )
              ) : null}
            </li>
          );
        })}
      </ol>
      <Pagination page={p.page} hasNext={p.hasNext} query={p.filters} />
    </Layout>
  );
}
