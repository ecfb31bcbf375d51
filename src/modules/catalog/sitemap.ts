import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { activeAgencyCodes } from '../identity/public.ts';

const xml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);

/** One <url> with its Arabic and English alternates. */
function entry(base: string, path: string, lastmod?: string | null): string {
  const alt = (l: string) => `<xhtml:link rel="alternate" hreflang="${l}" href="${xml(`${base}/${l}${path}`)}"/>`;
  return ['ar', 'en']
    .map(
      (l) =>
        `<url><loc>${xml(`${base}/${l}${path}`)}</loc>${lastmod ? `<lastmod>${lastmod.slice(0, 10)}</lastmod>` : ''}${alt('ar')}${alt('en')}</url>`,
    )
    .join('\n');
}

/** The sitemap, streamed a page of services at a time so its memory stays flat as the catalog grows. */
async function* sitemap(deps: Deps): AsyncGenerator<string> {
  const base = deps.config.baseUrl;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n';
  yield `${entry(base, '/')}\n${entry(base, '/services')}\n${entry(base, '/agencies')}\n`;
  for (const a of await activeAgencyCodes(deps.db)) {
    yield `${entry(base, `/agencies/${a.code}`, a.updated_at)}\n`;
  }
  let after = 0;
  for (;;) {
    const page = await deps.db
      .selectFrom('services')
      .select(['id', 'identifier', 'published_at'])
      .where('published_version', '>', 0)
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (page.length === 0) break;
    yield `${page.map((s) => entry(base, `/services/${s.identifier}`, s.published_at)).join('\n')}\n`;
    after = page[page.length - 1].id;
  }
  yield '</urlset>\n';
}

export async function sitemapRoutes(app: FastifyInstance): Promise<void> {
  app.get('/sitemap.xml', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(Readable.from(sitemap(app.deps))),
  );
  app.get('/robots.txt', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(`User-agent: *\nDisallow: /ar/console\nDisallow: /en/console\nSitemap: ${app.deps.config.baseUrl}/sitemap.xml\n`),
  );
}
