import { DateTime } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import type { ServiceFeedback } from '../public.service.ts';
import { Paragraphs, usePercent } from './parts.tsx';
import { RatingForm } from './public.views.tsx';

/** Feedback's part of a public service page: the CX summary, the rating form, the way to complain, and published replies. */
export function ServiceFeedbackSection({ data, identifier }: { data: ServiceFeedback; identifier: string }) {
  const { t, href, num } = usePage();
  const pct = usePercent();
  const s = data.summary;
  return (
    <section aria-labelledby="fb-h" class="panel">
      <h2 id="fb-h">{t('feedback.service.title')}</h2>
      {s ? (
        <div>
          <h3>{t('feedback.summary.title')}</h3>
          {s.enough ? (
            <dl class="at-a-glance">
              <div>
                <dt>{t('feedback.summary.csat')}</dt>
                <dd>{pct(s.csat)}</dd>
              </div>
              <div>
                <dt>{t('feedback.summary.trust')}</dt>
                <dd>{pct(s.trust)}</dd>
              </div>
              <div>
                <dt>{t('feedback.summary.ratings')}</dt>
                <dd>{num(s.ratings)}</dd>
              </div>
              <div>
                <dt>{t('feedback.summary.first_response')}</dt>
                <dd>
                  {s.medianFirstResponseHours === null
                    ? '—'
                    : t('feedback.hours', { count: Math.round(s.medianFirstResponseHours * 10) / 10 })}
                </dd>
              </div>
            </dl>
          ) : (
            <p>{t('feedback.summary.not_enough')}</p>
          )}
          <p class="muted">{t('feedback.summary.period')}</p>
        </div>
      ) : null}
      <details>
        <summary>{t('feedback.rate.title')}</summary>
        <p>{t('feedback.rate.lead')}</p>
        <RatingForm identifier={identifier} questions={data.questions} />
      </details>
      <p>
        <a href={href(`/feedback/new?service=${encodeURIComponent(identifier)}`)}>{t('feedback.service.contact')}</a>
      </p>
      {data.replies.length ? (
        <div>
          <h3>{t('feedback.replies.title')}</h3>
          <ul>
            {data.replies.map((r) => (
              <li key={r.id}>
                <blockquote lang={r.comment_lang ?? undefined}>
                  <Paragraphs text={r.comment ?? ''} />
                </blockquote>
                <p>
                  <strong>{t('feedback.replies.reply')}</strong> (<DateTime value={r.public_reply_at} />)
                </p>
                <div lang={r.public_reply_lang ?? undefined}>
                  <Paragraphs text={r.public_reply ?? ''} />
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
