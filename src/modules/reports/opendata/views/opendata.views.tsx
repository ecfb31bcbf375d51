import { Day } from '../../../../platform/views/components.tsx';
import { usePage } from '../../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../../platform/views/Layout.tsx';
import { type CatalogEntry, formats } from '../dcat.ts';

export interface DatasetListing extends CatalogEntry {
  rows?: number;
}

const frequencyLabel = { monthly: 'opendata.frequency.monthly', continuous: 'opendata.frequency.continuous' } as const;

/** The public open-data page: every dataset with its description, formats, licence, update frequency, period and links. */
export function OpenDataPage({ entries, threshold }: { entries: DatasetListing[]; threshold: number }) {
  const { t, num } = usePage();
  return (
    <Layout title={t('opendata.page.title')} nav="/open-data" description={t('opendata.page.lead')}>
      <PageHeading title={t('opendata.page.title')} lead={t('opendata.page.lead')} />
      <p>{t('opendata.page.privacy', { threshold })}</p>
      <p>
        {t('opendata.page.metadata')}: <a href="/open-data/catalog.jsonld">{t('opendata.page.jsonld')}</a> ·{' '}
        <a href="/open-data/catalog.ttl">{t('opendata.page.turtle')}</a>
      </p>
      {entries.length <= 1 ? <p>{t('opendata.page.none')}</p> : null}
      {entries.map((e) => {
        const title = t(e.title, e.params);
        return (
          <section key={e.id} id={e.id} class="panel" aria-labelledby={`${e.id}-title`}>
            <h2 id={`${e.id}-title`}>{title}</h2>
            <p>{t(e.description, e.params)}</p>
            <dl class="summary">
              <div>
                <dt>{t('opendata.field.formats')}</dt>
                <dd>
                  <ul class="plain">
                    {e.distributions.map((d) => (
                      <li key={d.format}>
                        <a
                          href={d.url.replace(/^https?:\/\/[^/]+/, '')}
                          aria-label={t('opendata.download', { dataset: title, format: formats[d.format].label })}
                        >
                          {formats[d.format].label}
                        </a>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
              <div>
                <dt>{t('opendata.field.licence')}</dt>
                <dd>
                  <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">
                    {t('opendata.licence')}
                  </a>
                </dd>
              </div>
              <div>
                <dt>{t('opendata.field.frequency')}</dt>
                <dd>{t(frequencyLabel[e.frequency])}</dd>
              </div>
              <div>
                <dt>{t('opendata.field.coverage')}</dt>
                <dd>
                  <Day value={e.from} /> – <Day value={e.to} />
                </dd>
              </div>
              {e.rows !== undefined ? (
                <div>
                  <dt>{t('opendata.field.rows')}</dt>
                  <dd>{num(e.rows)}</dd>
                </div>
              ) : null}
            </dl>
          </section>
        );
      })}
      <p class="muted">{t('opendata.page.columns')}</p>
    </Layout>
  );
}
