import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderPageHtml } from './render.tsx';

const SENTINEL = '__yusr_csrf__';

interface Entry {
  html: string;
  at: number;
  generation: number;
}

/**
 * A small in-process cache of public pages as anonymous visitors see them. The CSRF token is
 * rendered as a sentinel and filled in per request, so forms on cached pages still work; people
 * who are signed in, or have a notice to see, always get a fresh page.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private evictions = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly limit = 5000,
  ) {}

  /** Forgets every page (called when what they show changes in this process). */
  invalidate(): void {
    this.generation++;
  }

  /** Forgets one page in every language (`key` as given to send). */
  evict(key: string): void {
    // A page being built now may have read the old data: it is not kept (see send).
    this.evictions++;
    for (const fullKey of this.entries.keys()) if (fullKey.slice(fullKey.indexOf(':') + 1) === key) this.entries.delete(fullKey);
  }

  async send(request: FastifyRequest, reply: FastifyReply, key: string, build: () => Promise<VNode>): Promise<FastifyReply> {
    const cacheable = request.actor.kind === 'anonymous' && !request.flash;
    const fullKey = `${request.lang}:${key}`;
    let html: string | undefined;
    if (cacheable) {
      const hit = this.entries.get(fullKey);
      if (hit && hit.generation === this.generation && Date.now() - hit.at < this.ttlMs) html = hit.html;
    }
    if (!html) {
      const generation = this.generation;
      const evictions = this.evictions;
      html = renderPageHtml(request, await build(), cacheable ? SENTINEL : undefined);
      // Kept only if nothing was invalidated or evicted while it was built from the database.
      if (cacheable && generation === this.generation && evictions === this.evictions) {
        if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
        this.entries.set(fullKey, { html, at: Date.now(), generation });
      }
    }
    const body = cacheable ? html.replaceAll(SENTINEL, request.csrfToken) : html;
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  }
}
