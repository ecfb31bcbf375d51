import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { dualDateText } from '../../platform/i18n/dates.ts';
import { type Lang, langs, pick, translate } from '../../platform/i18n/i18n.ts';
import { allAgencies } from '../identity/public.ts';
import type { ConsultationRow } from './participate.repo.ts';
import { publicList } from './public.service.ts';

const FEED_SIZE = 50;

/** Text for XML: characters XML 1.0 forbids dropped, the markup ones escaped (attributes included). */
export const xmlText = (s: string) =>
  s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** An Atom 1.0 document (RFC 4287) of published consultations, the most recently published or completed first. */
export function consultationsAtom(o: {
  lang: Lang;
  timeZone: string;
  baseUrl: string;
  selfUrl: string;
  items: ConsultationRow[];
  agencyName: (id: number) => string;
}): string {
  const day = (d: string) => dualDateText(o.lang, `${d}T12:00:00Z`, o.timeZone);
  const stamp = (c: ConsultationRow) => c.completed_at ?? c.published_at ?? c.updated_at;
  const items = [...o.items].sort((a, b) => stamp(b).localeCompare(stamp(a)) || b.id - a.id).slice(0, FEED_SIZE);
  const entries = items.map((c) =>
    [
      '<entry>',
      `<title>${xmlText(pick(o.lang, c, 'title'))}</title>`,
      `<id>${xmlText(`${o.baseUrl}/consultations/${c.id}`)}</id>`,
      `<link rel="alternate" type="text/html" href="${xmlText(`${o.baseUrl}/${o.lang}/consultations/${c.id}`)}"/>`,
      c.status === 'completed'
        ? `<link rel="related" type="text/html" href="${xmlText(`${o.baseUrl}/${o.lang}/consultations/${c.id}/report`)}"/>`
        : '',
      `<published>${c.published_at ?? c.updated_at}</published>`,
      `<updated>${stamp(c)}</updated>`,
      `<author><name>${xmlText(o.agencyName(c.agency_id))}</name></author>`,
      `<summary type="text">${xmlText(
        `${translate(o.lang, 'participate.feed.period', { from: day(c.opens_on), to: day(c.closes_on) })} — ${pick(o.lang, c, 'summary')}`,
      )}</summary>`,
      '</entry>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${o.lang}">`,
    `<title>${xmlText(translate(o.lang, 'participate.feed.title'))}</title>`,
    `<id>${xmlText(o.selfUrl)}</id>`,
    `<updated>${items[0] ? stamp(items[0]) : '1970-01-01T00:00:00.000Z'}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(o.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlText(`${o.baseUrl}/${o.lang}/consultations`)}"/>`,
    '<generator>Yusr</generator>',
    ...entries,
    '</feed>',
  ].join('\n');
}

/** /feeds/ar/consultations.atom and /feeds/en/consultations.atom. */
export async function feedRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  for (const lang of langs)
    app.get(`/feeds/${lang}/consultations.atom`, { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
      const agencies = new Map((await allAgencies(deps)).map((a) => [a.id, a]));
      const body = consultationsAtom({
        lang,
        timeZone: deps.config.timeZone,
        baseUrl: deps.config.baseUrl,
        selfUrl: `${deps.config.baseUrl}/feeds/${lang}/consultations.atom`,
        items: await publicList(deps),
        agencyName: (id) => {
          const a = agencies.get(id);
          return a ? pick(lang, a, 'name') : '';
        },
      });
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=300');
      if (req.headers['if-none-match']?.split(',').some((x) => x.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
      return reply.type('application/atom+xml; charset=utf-8').send(body);
    });
}
