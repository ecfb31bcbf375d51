import type { FastifyInstance, FastifyRequest } from 'fastify';
import { slot } from '../../platform/app-state.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { pageParam } from '../../platform/http/pages.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { AGENCY_CODE, allAgencies, getAgencyByCode } from '../identity/public.ts';
import { popularServices, servicePageExtensions } from './catalog.extensions.ts';
import * as repo from './catalog.repo.ts';
import { catalogSearch, facetNames, type ServiceCard } from './catalog.search.ts';
import { getPublished, servicePageCache } from './catalog.service.ts';
import { serviceToSchemaOrg } from './cpsv/export.ts';
import { PublicAgenciesPage, PublicAgencyPage } from './views/agencies.views.tsx';
import { HomePage, type Lookup, SearchPage } from './views/portal.views.tsx';
import { ServicePage } from './views/service.views.tsx';

const FILTER_KEYS = [...facetNames, 'life_event', 'business_event'] as const;
const PER_PAGE = 20;
/** How many of the most used services an empty search offers. */
const POPULAR = 6;

const lookupSlot = slot<{ at: number; value: Promise<Lookup> | null }>('catalog.lookup');

/** Agencies by code and taxonomy terms by kind:code, for labels; kept for a second (they rarely change). */
export function loadLookup(deps: Deps): Promise<Lookup> {
  const hit = deps.state.get(lookupSlot, () => ({ at: 0, value: null }));
  if (hit.value && Date.now() - hit.at < 1000) return hit.value;
  const value = (async () => {
    const agencies = await allAgencies(deps);
    const terms = await repo.listTerms(deps.db);
    return { agencies: new Map(agencies.map((a) => [a.code, a])), terms: new Map(terms.map((t) => [`${t.kind}:${t.code}`, t])) };
  })();
  hit.at = Date.now();
  hit.value = value;
  return value;
}

/** Filters from the query string: each facet may repeat (?category=a&category=b). */
export function searchFilters(request: FastifyRequest): Record<string, string[]> {
  const q = (request.query ?? {}) as Record<string, unknown>;
  const out: Record<string, string[]> = {};
  for (const k of FILTER_KEYS) {
    const v = q[k];
    const list = (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
      (x): x is string => typeof x === 'string' && /^[a-z0-9/_-]{1,60}$/.test(x),
    );
    if (list.length) out[k] = list.slice(0, 20);
  }
  return out;
}

/** The public portal: home, search, service pages and agency pages. No account needed. */
export async function portalPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const pub = { config: { access: 'public' as const } };
  const search = () => catalogSearch(deps);

  app.get('/', pub, async (req, reply) => {
    const s = search();
    const all = await s.search('', { limit: 0 });
    const lookup = await loadLookup(deps);
    const agenciesWithServices = Object.keys(all.facets.agency ?? {}).length;
    return sendPage(
      req,
      reply,
      <HomePage
        counts={{ services: all.total, agencies: agenciesWithServices }}
        facets={all.facets}
        lookup={lookup}
        launched={await s.recent('launched', 6)}
        changed={await s.recent('changed', 6)}
      />,
    );
  });

  const mostUsed = async (req: FastifyRequest): Promise<ServiceCard[]> => {
    const named = (await deps.extensions.load(popularServices, deps, { limit: 2 * POPULAR }, req.ctx)).flatMap((e) => e.data as number[]);
    const identifiers = await repo.identifiersOf(deps.db, named);
    const cards = search().cards;
    const out: ServiceCard[] = [];
    for (const id of new Set(named)) {
      const card = cards.get(identifiers.get(id) ?? '');
      if (card && (card.status === 'live' || card.status === 'beta') && out.length < POPULAR) out.push(card);
    }
    return out;
  };

  app.get('/services', pub, async (req, reply) => {
    const typed = String((req.query as Record<string, unknown>).q ?? '').slice(0, 200);
    const q = typed.trim();
    const filters = searchFilters(req);
    const page = pageParam(req);
    // The same search as the API (/api/v1/services): the last word completes unless a space follows it.
    const r = await search().search(typed, { filters, limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
    // Nothing found: offer the services people use most (as modules that count use name them), live ones only.
    const popular = r.total === 0 && q ? await mostUsed(req) : [];
    const suggestion = (r.total === 0 || r.weak) && q ? await search().suggest(q) : null;
    return sendPage(
      req,
      reply,
      <SearchPage
        q={q}
        filters={filters}
        total={r.total}
        cards={r.hits.map((h) => h.card)}
        facets={r.facets}
        page={page}
        perPage={PER_PAGE}
        lookup={await loadLookup(deps)}
        relaxed={r.relaxed}
        weak={r.weak}
        popular={popular}
        suggestion={suggestion}
      />,
    );
  });

  app.get('/services/:identifier', pub, async (req, reply) => {
    const { identifier } = req.params as { identifier: string };
    return servicePageCache(deps).send(req, reply, `service:${identifier}`, async () => {
      const { row, data } = await getPublished(deps, identifier);
      const lookup = await loadLookup(deps);
      const agency = [...lookup.agencies.values()].find((a) => a.id === row.agency_id);
      if (!agency) throw new NotFoundError();
      const publishedAt = row.published_at ?? row.updated_at;
      const jsonLd = serviceToSchemaOrg(
        { identifier, agency_id: row.agency_id, version: row.published_version, published_at: publishedAt, data },
        agency,
        deps.config.baseUrl,
        req.lang,
      );
      const extra = await deps.extensions.render(
        servicePageExtensions,
        deps,
        { serviceId: row.id, identifier, agencyId: row.agency_id, data },
        req.ctx,
      );
      return (
        <ServicePage
          identifier={identifier}
          data={data}
          agency={agency}
          publishedAt={publishedAt}
          lookup={lookup}
          jsonLd={jsonLd}
          extra={extra}
        />
      );
    });
  });

  app.get('/agencies', pub, async (req, reply) => {
    const r = await search().search('', { limit: 0 });
    const agencies = (await allAgencies(deps)).filter((a) => a.status === 'active');
    return sendPage(req, reply, <PublicAgenciesPage agencies={agencies} counts={r.facets.agency ?? {}} />);
  });

  app.get('/agencies/:code', pub, async (req, reply) => {
    const { code } = req.params as { code: string };
    if (!AGENCY_CODE.test(code)) throw new NotFoundError();
    const agency = await getAgencyByCode(deps, code);
    const all = await allAgencies(deps);
    const page = pageParam(req);
    const r = await search().search('', { filters: { agency: [code] }, limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
    return sendPage(
      req,
      reply,
      <PublicAgencyPage
        agency={agency}
        parent={all.find((a) => a.id === agency.parent_id)}
        children={all.filter((a) => a.parent_id === agency.id)}
        cards={r.hits.map((h) => h.card)}
        total={r.total}
        page={page}
        perPage={PER_PAGE}
      />,
    );
  });
}
