import { Field, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { publicCatalogue } from '../training.service.ts';
import { Day, Head, modeLabel, offeringStatusLabel, titleOf, trackLabel, When, Where } from './common.tsx';

type Catalogue = Awaited<ReturnType<typeof publicCatalogue>>;

/** The public training page: programmes for the public, their offerings and sessions, and the calendar feed. */
export function PublicTrainingPage({ items, q = '' }: { items: Catalogue; q?: string }) {
  const { t, lang, num, href } = usePage();
  const label = useLabel();
  return (
    <Layout title={q ? t('training.public.results_title', { q }) : t('training.public.title')} nav="/training">
      <PageHeading title={t('training.public.title')} lead={t('training.public.lead')} />
      <p>
        <a href={`/training/calendar/${lang}.ics`}>{t('training.public.calendar')}</a>
      </p>
      <form method="get" action={href('/training')} class="filters panel" role="search" aria-label={t('training.public.search_label')}>
        <Field name="q" type="search" label={t('training.public.search_label')} hint={t('training.public.search_hint')} value={q} />
        <button type="submit" class="button secondary">
          {t('training.public.search')}
        </button>
      </form>
      {q ? (
        <p role="status">
          {items.length === 0 ? t('training.public.no_match', { q }) : t('training.public.found', { count: items.length, q })}{' '}
          <a href={href('/training')}>{t('training.public.show_all')}</a>
        </p>
      ) : items.length === 0 ? (
        <p>{t('training.public.none')}</p>
      ) : null}
      {items.map(({ programme: p, offerings, sessions }) => (
        <section key={p.id} class="panel">
          <h2>{titleOf(lang, p)}</h2>
          <p class="muted">
            {label(trackLabel, p.track)} · {label(modeLabel, p.delivery_mode)} · {t('training.hours', { hours: num(p.hours) })}
          </p>
          <p>{lang === 'ar' ? p.description_ar : p.description_en}</p>
          {offerings.length === 0 ? (
            <p>{t('training.offering.none')}</p>
          ) : (
            <div class="table-wrap" tabIndex={0}>
              <table>
                <caption>{t('training.public.offerings_of', { programme: titleOf(lang, p) })}</caption>
                <Head
                  cols={[t('training.field.dates'), t('training.field.where'), t('training.field.sessions'), t('training.field.status')]}
                />
                <tbody>
                  {offerings.map((o) => (
                    <tr key={o.id}>
                      <th scope="row">
                        <Day value={o.starts_on} /> – <Day value={o.ends_on} />
                      </th>
                      <td>
                        <Where o={o} />
                      </td>
                      <td>
                        <ul class="plain">
                          {(sessions.get(o.id) ?? []).map((s) => (
                            <li key={s.id}>
                              <When value={s.starts_at} />
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        {label(offeringStatusLabel, o.status)}
                        {o.status === 'open' ? (
                          <>
                            {' · '}
                            <a href={href(`/training/offerings/${o.id}/sign-up`)}>
                              {t('training.signup.link')}
                              <span class="visually-hidden">
                                {' '}
                                {t('training.signup.link_for', { programme: titleOf(lang, p), starts: o.starts_on })}
                              </span>
                            </a>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </Layout>
  );
}
