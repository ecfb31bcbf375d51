import type { Deps } from '../../platform/deps.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { type SearchDoc, SearchIndex, type SearchResult } from '../../platform/search/index.ts';
import * as repo from './catalog.repo.ts';
import type { LifecycleStatus, Maturity, ServiceData } from './catalog.schema.ts';

/** What a result list shows without another database round trip. */
export interface ServiceCard {
  identifier: string;
  agencyId: number;
  agencyCode: string;
  name_ar: string;
  name_en: string;
  summary_ar: string;
  summary_en: string;
  status: LifecycleStatus;
  maturity: Maturity;
  publishedAt: string;
  firstPublishedAt: string;
  free: boolean;
  online: boolean;
}

interface ServiceDoc extends SearchDoc {
  name: string[];
  keywords: string[];
  agency: string[];
  description: string[];
}

export const facetNames = ['agency', 'category', 'audience', 'maturity', 'channel', 'status'] as const;
export type FacetName = (typeof facetNames)[number];

/** Live services rank above beta and planned ones, which rank above suspended and retired ones. */
const statusBoost: Record<LifecycleStatus, number> = { live: 1, beta: 0.9, planned: 0.6, suspended: 0.5, retired: 0.3 };

const summary = (text: string) => (text.length > 180 ? `${text.slice(0, 177).replace(/\s+\S*$/, '')}…` : text);

/**
 * The catalog's search: an in-process index of published services, built from the database on
 * first use and kept current by polling for newer publications (so every web node converges
 * within a second), plus an immediate refresh after a publication in this process.
 */
export class CatalogSearch {
  private readonly index = new SearchIndex<ServiceDoc>({
    fields: [
      { name: 'name', weight: 5 },
      { name: 'keywords', weight: 3 },
      { name: 'agency', weight: 2 },
      { name: 'description', weight: 1 },
    ],
  });
  readonly cards = new Map<string, ServiceCard>();
  private lastPublishedAt: string | null = null;
  private lastCheck = 0;
  private stamp = '';
  private agencies = new Map<number, { code: string; name_ar: string; name_en: string }>();
  private refreshing: Promise<void> | null = null;

  constructor(private readonly deps: Deps) {}

  /** Forces the next query to look for changes (called after a publication in this process). */
  invalidate(): void {
    this.lastCheck = 0;
  }

  /** Brings the index up to date if it may be stale (at most one database check a second). */
  async refresh(): Promise<void> {
    if (Date.now() - this.lastCheck < 1000) return;
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    await this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    this.lastCheck = Date.now();
    const db = this.deps.db;
    const stamp = await vocabularyAndAgencyStamp(this.deps);
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      const agencies = await db.selectFrom('agencies').select(['id', 'code', 'name_ar', 'name_en']).execute();
      this.agencies = new Map(agencies.map((a) => [a.id, a]));
      this.index.setSynonyms((await repo.listSynonyms(db)).map((s) => JSON.parse(s.terms_json) as string[]));
      this.lastPublishedAt = null; // agency names are indexed: re-read everything
    }
    for (const row of await repo.publishedSince(db, this.lastPublishedAt)) {
      if (!row.published_json || !row.published_at) continue;
      this.put(
        row.identifier,
        row.agency_id,
        JSON.parse(row.published_json) as ServiceData,
        row.published_at,
        row.first_published_at ?? row.published_at,
      );
      if (!this.lastPublishedAt || row.published_at > this.lastPublishedAt) this.lastPublishedAt = row.published_at;
    }
  }

  private put(identifier: string, agencyId: number, d: ServiceData, publishedAt: string, firstPublishedAt: string): void {
    const agency = this.agencies.get(agencyId);
    this.index.replace(identifier, {
      name: [d.name.ar, d.name.en],
      keywords: [...d.keywords.ar, ...d.keywords.en],
      agency: agency ? [agency.name_ar, agency.name_en] : [],
      description: [d.description.ar, d.description.en],
      boost: statusBoost[d.status],
      facets: {
        agency: agency ? [agency.code] : [],
        category: d.categories,
        audience: d.audiences,
        maturity: [d.maturity],
        channel: [...new Set(d.channels.map((c) => c.type))],
        status: [d.status],
        life_event: d.life_events,
        business_event: d.business_events,
      },
    });
    this.cards.set(identifier, {
      identifier,
      agencyId,
      agencyCode: agency?.code ?? '',
      name_ar: d.name.ar,
      name_en: d.name.en,
      summary_ar: summary(d.description.ar),
      summary_en: summary(d.description.en),
      status: d.status,
      maturity: d.maturity,
      publishedAt,
      firstPublishedAt,
      free: d.fees.every((f) => f.amount === 0),
      online: d.channels.some((c) => c.type === 'web' || c.type === 'mobile'),
    });
  }

  /** Searches published services; a blank query browses by the filters. */
  async search(
    query: string,
    opts: { filters?: Partial<Record<string, string[]>>; limit?: number; offset?: number; prefix?: boolean } = {},
  ) {
    await this.refresh();
    const filters = Object.fromEntries(Object.entries(opts.filters ?? {}).filter(([, v]) => v && v.length > 0)) as Record<string, string[]>;
    const r: SearchResult = this.index.search(query.slice(0, 200), {
      filters,
      limit: opts.limit ?? 20,
      offset: opts.offset ?? 0,
      prefix: opts.prefix,
      facets: facetNames,
    });
    return { total: r.total, facets: r.facets, hits: r.hits.map((h) => ({ score: h.score, card: this.cards.get(h.id) as ServiceCard })) };
  }

  /** The newest services to go live, and the most recently changed ones (home page). */
  async recent(kind: 'launched' | 'changed', limit: number): Promise<ServiceCard[]> {
    await this.refresh();
    const key = kind === 'launched' ? 'firstPublishedAt' : 'publishedAt';
    // "Changed" means changed after its launch: a service's first version is not news twice.
    const live = [...this.cards.values()].filter(
      (c) => (c.status === 'live' || c.status === 'beta') && (kind === 'launched' || c.publishedAt > c.firstPublishedAt),
    );
    return live.sort((a, b) => (a[key] < b[key] ? 1 : a[key] > b[key] ? -1 : a.identifier.localeCompare(b.identifier))).slice(0, limit);
  }

  get size(): number {
    return this.index.size;
  }
}

async function vocabularyAndAgencyStamp(deps: Deps): Promise<string> {
  const a = await deps.db
    .selectFrom('agencies')
    .select((eb) => [eb.fn.max('updated_at').as('m'), eb.fn.countAll<number>().as('n')])
    .executeTakeFirst();
  return `${await repo.vocabularyStamp(deps.db)}|${a?.m ?? ''}|${a?.n ?? 0}`;
}

const instances = new WeakMap<Deps, CatalogSearch>();

/** The catalog search of this process (one per Deps). */
export function catalogSearch(deps: Deps): CatalogSearch {
  let s = instances.get(deps);
  if (!s) {
    s = new CatalogSearch(deps);
    instances.set(deps, s);
  }
  return s;
}

/** The name of a card in a language. */
export const cardName = (c: ServiceCard, lang: Lang) => (lang === 'ar' ? c.name_ar : c.name_en);
