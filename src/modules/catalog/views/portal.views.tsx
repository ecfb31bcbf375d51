import type { MessageKey } from '../../../messages.ts';
import { keyFor, pick } from '../../../platform/i18n/i18n.ts';
import { Pagination } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import { audienceLabel, channelTypeLabel, facetLabel, lifecycleLabel, maturityLabel } from '../catalog.labels.ts';
import type { TermRow } from '../catalog.repo.ts';
import { audiences } from '../catalog.schema.ts';
import type { FacetName, ServiceCard } from '../catalog.search.ts';
import { ServiceCardList } from './cards.tsx';

export interface Lookup {
  agencies: Map<string, Agency>;
  terms: Map<string, TermRow>;
}

/** The label of a facet value in the page's language. */
export function useFacetLabel(lookup: Lookup) {
  const { lang } = usePage();
  const { t } = usePage();
  return (facet: string, value: string): string => {
    if (facet === 'agency') {
      const a = lookup.agencies.get(value);
      return a ? pick(lang, a, 'name') : value;
    }
    if (facet === 'category' || facet === 'life_event' || facet === 'business_event') {
      const term = lookup.terms.get(`${facet}:${value}`);
      return term ? pick(lang, term, 'name') : value;
    }
    const labels: Record<string, Record<string, MessageKey>> = {
      audience: audienceLabel,
      maturity: maturityLabel,
      channel: channelTypeLabel,
      status: lifecycleLabel,
    };
    const key = Object.hasOwn(labels, facet) ? keyFor(labels[facet], value) : undefined;
    return key ? t(key) : value;
  };
}

export function SearchBox({ q, big = false }: { q?: string; big?: boolean }) {
  const { t, href, lang } = usePage();
  return (
    <form method="get" action={href('/services')} role="search" class={big ? 'search-hero' : ''} aria-label={t('portal.search.label')}>
      <label for="q" class={big ? 'search-label' : 'visually-hidden'}>
        {t('portal.search.label')}
      </label>
      <span class="hint" id="q-hint">
        {t('portal.search.hint')}
      </span>
      <div class="search-box">
        <input
          type="search"
          id="q"
          name="q"
          value={q ?? ''}
          aria-describedby="q-hint"
          autoComplete="off"
          enterKeyHint="search"
          list="q-suggestions"
          data-suggest={lang}
        />
        <datalist id="q-suggestions" />
        <button type="submit" class="button">
          {t('portal.search.submit')}
        </button>
      </div>
    </form>
  );
}

export function HomePage(p: {
  counts: { services: number; agencies: number };
  facets: Record<string, Record<string, number>>;
  lookup: Lookup;
  launched: ServiceCard[];
  changed: ServiceCard[];
}) {
  const { t, href, num, lang } = usePage();
  const label = useFacetLabel(p.lookup);
  const terms = (kind: string) => [...p.lookup.terms.values()].filter((x) => x.kind === kind);
  const agencyName = (c: ServiceCard) => label('agency', c.agencyCode);
  const Browse = ({ kind, facet, title }: { kind: string; facet: FacetName | 'life_event' | 'business_event'; title: MessageKey }) => (
    <section aria-labelledby={`browse-${kind}`}>
      <h2 id={`browse-${kind}`}>{t(title)}</h2>
      <ul class="browse">
        {terms(kind).map((term) => (
          <li key={term.code}>
            <a href={href(`/services?${facet}=${term.code}`)}>{pick(lang, term, 'name')}</a>
            {p.facets[facet]?.[term.code] ? <span class="count"> ({num(p.facets[facet][term.code])})</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
  return (
    <Layout title={t('portal.home.title')} nav="/">
      <div class="hero">
        <h1>{t('portal.home.title')}</h1>
        <p class="lead">{t('portal.home.lead')}</p>
        <SearchBox big />
        <p class="muted">{t('portal.stats', { count: p.counts.services, agencies: p.counts.agencies })}</p>
      </div>
      <section aria-labelledby="browse-audiences">
        <h2 id="browse-audiences">{t('portal.browse.audiences')}</h2>
        <ul class="browse">
          {audiences.map((a) => (
            <li key={a}>
              <a href={href(`/services?audience=${a}`)}>{label('audience', a)}</a>
              {p.facets.audience?.[a] ? <span class="count"> ({num(p.facets.audience[a])})</span> : null}
            </li>
          ))}
        </ul>
      </section>
      <Browse kind="category" facet="category" title="portal.browse.categories" />
      <Browse kind="life_event" facet="life_event" title="portal.browse.life_events" />
      <Browse kind="business_event" facet="business_event" title="portal.browse.business_events" />
      <p>
        <a href={href('/agencies')}>{t('portal.browse.all_agencies')}</a>
      </p>
      {p.launched.length ? (
        <section aria-labelledby="new-h">
          <h2 id="new-h">{t('portal.new')}</h2>
          <ServiceCardList cards={p.launched} agencyName={agencyName} />
        </section>
      ) : null}
      {p.changed.length ? (
        <section aria-labelledby="changed-h">
          <h2 id="changed-h">{t('portal.changed')}</h2>
          <ServiceCardList cards={p.changed} agencyName={agencyName} />
        </section>
      ) : null}
    </Layout>
  );
}

const FACET_ORDER: (FacetName | 'life_event' | 'business_event')[] = [
  'category',
  'audience',
  'agency',
  'channel',
  'maturity',
  'status',
  'life_event',
  'business_event',
];

export function SearchPage(p: {
  q: string;
  filters: Record<string, string[]>;
  total: number;
  cards: ServiceCard[];
  facets: Record<string, Record<string, number>>;
  page: number;
  perPage: number;
  lookup: Lookup;
  /** No service matched every word: the results match most of them. */
  relaxed?: boolean;
  /** Only some of the words matched anywhere: the results are weak, and a spelling may be offered. */
  weak?: boolean;
  /** The services people use most, offered when nothing matched. */
  popular?: ServiceCard[];
  /** A respelled query that finds services, offered when nothing matched ("did you mean"). */
  suggestion?: string | null;
}) {
  const { t, href, num } = usePage();
  const label = useFacetLabel(p.lookup);
  const title = p.q ? t('search.results_for', { q: p.q }) : t('search.all_services');
  const hasFilters = Object.values(p.filters).some((v) => v.length);
  // Selected values stay visible (count 0) so a filter can always be removed.
  const facetValues = (f: string) => {
    const counts = { ...(p.facets[f] ?? {}) };
    for (const v of p.filters[f] ?? []) counts[v] ??= 0;
    return Object.entries(counts).sort((a, b) => b[1] - a[1] || label(f, a[0]).localeCompare(label(f, b[0])));
  };
  return (
    <Layout title={title} nav="/services">
      <h1>{title}</h1>
      <SearchBox q={p.q} />
      <div class="search-layout">
        {/* Results first in the page (on a phone they come before the filters); the grid puts the filters beside them on wide screens. */}
        <div class="results">
          <h2 class="visually-hidden">{t('search.results_heading')}</h2>
          <p role="status">
            <strong>{t('search.count', { count: p.total })}</strong>{' '}
            <a class="to-filters" href="#filters">
              {t('search.filter_results')}
            </a>
          </p>
          {p.weak && p.total > 0 ? (
            <p class="notice warn">
              {t('search.weak')}
              {p.suggestion ? (
                <>
                  {' '}
                  {t('search.did_you_mean')}{' '}
                  <a href={`${href('/services')}?q=${encodeURIComponent(p.suggestion)}`}>
                    <bdi>{p.suggestion}</bdi>
                  </a>
                </>
              ) : null}
            </p>
          ) : p.relaxed && p.total > 0 ? (
            <p>{t('search.partial')}</p>
          ) : null}
          {p.total === 0 ? (
            <div class="panel">
              {p.suggestion ? (
                <p>
                  {t('search.did_you_mean')}{' '}
                  <a href={`${href('/services')}?q=${encodeURIComponent(p.suggestion)}`}>
                    <bdi>{p.suggestion}</bdi>
                  </a>
                </p>
              ) : null}
              <p>{t('search.none')}</p>
              <p>{t('search.none_help')}</p>
              <ul>
                <li>
                  <a href={href('/')}>{t('search.none_browse')}</a>
                </li>
                <li>
                  <a href={href('/agencies')}>{t('search.none_agencies')}</a>
                </li>
                <li>
                  <a href={href('/feedback/new')}>{t('search.none_ask')}</a>
                </li>
              </ul>
              {p.popular?.length ? (
                <section aria-labelledby="popular-h">
                  <h3 id="popular-h">{t('search.popular')}</h3>
                  <ServiceCardList cards={p.popular} agencyName={(c) => label('agency', c.agencyCode)} />
                </section>
              ) : null}
            </div>
          ) : (
            <ServiceCardList cards={p.cards} agencyName={(c) => label('agency', c.agencyCode)} />
          )}
          <Pagination page={p.page} hasNext={p.page * p.perPage < p.total} query={{ q: p.q, ...p.filters }} />
        </div>
        <form method="get" action={href('/services')} id="filters" class="facets" aria-label={t('search.filters')}>
          <h2 class="visually-hidden">{t('search.filters')}</h2>
          {p.q ? <input type="hidden" name="q" value={p.q} /> : null}
          {FACET_ORDER.map((f) => {
            const values = facetValues(f);
            if (values.length === 0) return null;
            const selected = p.filters[f] ?? [];
            return (
              <details key={f} open={selected.length > 0 || f === 'category'}>
                <summary>{t(facetLabel[f])}</summary>
                <fieldset>
                  <legend class="visually-hidden">{t(facetLabel[f])}</legend>
                  {values.map(([value, count], i) => (
                    <div class="choice" key={value}>
                      <input type="checkbox" id={`facet-${f}-${i}`} name={f} value={value} checked={selected.includes(value)} />
                      <label for={`facet-${f}-${i}`}>
                        {label(f, value)} <span class="count">({num(count)})</span>
                      </label>
                    </div>
                  ))}
                </fieldset>
              </details>
            );
          })}
          <button type="submit" class="button secondary">
            {t('search.apply')}
          </button>
          {hasFilters ? (
            <p>
              <a href={`${href('/services')}${p.q ? `?q=${encodeURIComponent(p.q)}` : ''}`}>{t('search.clear')}</a>
            </p>
          ) : null}
        </form>
      </div>
    </Layout>
  );
}
