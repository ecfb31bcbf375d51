import { Breadcrumbs } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { EvaluationResults } from '../evaluation.ts';
import { Day, Head, TrainingLayout, titleOf } from './common.tsx';

/**
 * Evaluation results for the office (and trainers, for their own offerings): per offering how many
 * were asked and answered and, from the minimum number of answers, the mean of each question and
 * the comments; per trainer over their offerings. Smaller counts show as too few.
 */
export function EvaluationsPage({ r }: { r: EvaluationResults }) {
  const { t, lang, num } = usePage();
  const mean = (v: number) => t('training.evaluations.mean', { mean: num(v, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) });
  const suppressed = <span class="muted">{t('training.evaluations.suppressed')}</span>;
  return (
    <TrainingLayout title={t('training.evaluations.title')}>
      <Breadcrumbs items={[{ href: '/console/training', label: t('training.title') }, { label: t('training.evaluations.title') }]} />
      <PageHeading title={t('training.evaluations.title')} lead={t('training.evaluations.lead')} />
      <p>{t('training.evaluations.min_note', { min: r.min })}</p>
      {r.offerings.length === 0 ? (
        <p>{t('training.evaluations.none')}</p>
      ) : (
        <>
          <h2>{t('training.evaluations.by_offering')}</h2>
          <div class="table-wrap" tabIndex={0}>
            <table>
              <caption>{t('training.evaluations.by_offering')}</caption>
              <Head
                cols={[
                  t('training.field.programme'),
                  t('training.field.dates'),
                  t('training.evaluations.asked'),
                  t('training.evaluations.answered'),
                  t('training.evaluations.relevance'),
                  t('training.evaluations.quality'),
                  t('training.evaluations.recommend'),
                ]}
              />
              <tbody>
                {r.offerings.map((x) => (
                  <tr key={x.offering.id}>
                    <th scope="row">{titleOf(lang, x.programme)}</th>
                    <td>
                      <Day value={x.offering.starts_on} /> – <Day value={x.offering.ends_on} />
                    </td>
                    <td>{num(x.sent)}</td>
                    <td>{num(x.answered)}</td>
                    {x.means ? (
                      <>
                        <td>{mean(x.means.relevance)}</td>
                        <td>{mean(x.means.quality)}</td>
                        <td>{mean(x.means.recommend)}</td>
                      </>
                    ) : (
                      <td colSpan={3}>{suppressed}</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {r.offerings
            .filter((x) => x.comments.length > 0)
            .map((x) => (
              <section key={x.offering.id} class="panel">
                <h3>{t('training.evaluations.comments_of', { programme: titleOf(lang, x.programme), starts: x.offering.starts_on })}</h3>
                <ul>
                  {x.comments.map((c, i) => (
                    <li key={i}>{c}</li>
                  ))}
                </ul>
              </section>
            ))}
          <h2>{t('training.evaluations.by_trainer')}</h2>
          <div class="table-wrap" tabIndex={0}>
            <table>
              <caption>{t('training.evaluations.by_trainer')}</caption>
              <Head
                cols={[
                  t('training.evaluations.trainer'),
                  t('training.evaluations.offerings'),
                  t('training.evaluations.answered'),
                  t('training.evaluations.relevance'),
                  t('training.evaluations.quality'),
                  t('training.evaluations.recommend'),
                ]}
              />
              <tbody>
                {r.trainers.map((x) => (
                  <tr key={x.userId}>
                    <th scope="row">{x.name}</th>
                    <td>{num(x.offerings)}</td>
                    <td>{num(x.n)}</td>
                    {x.means ? (
                      <>
                        <td>{mean(x.means.relevance)}</td>
                        <td>{mean(x.means.quality)}</td>
                        <td>{mean(x.means.recommend)}</td>
                      </>
                    ) : (
                      <td colSpan={3}>{suppressed}</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </TrainingLayout>
  );
}
