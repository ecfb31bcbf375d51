import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../messages.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { keyFor, type Lang, langs, translate } from '../../platform/i18n/i18n.ts';
import { calendar } from '../../platform/ical.ts';
import * as catalog from '../catalog/public.ts';
import { audienceLabel, audiences } from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import { hasControlChars } from './address.ts';
import type { Announcement } from './announcements.repo.ts';
import { urls } from './links.ts';
import { kindLabel } from './notify.labels.ts';
import type { Target } from './targets.ts';

const FEED_SIZE = 50;
/** Text for XML: the characters XML 1.0 forbids are dropped, the markup ones escaped. */
const xml = (s: string) =>
  [...s]
    .filter((ch) => !hasControlChars(ch, true) || ch === '\u2028' || ch === '\u2029')
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
const pickLang = (lang: Lang, a: { [k: string]: unknown }, f: string) => String(a[`${f}_${lang}`] ?? '');

/** An Atom 1.0 document (RFC 4287) of published announcements, newest first. */
export function atomFeed(o: {
  lang: Lang;
  title: string;
  selfUrl: string;
  pageUrl: string;
  baseUrl: string;
  items: Announcement[];
  agencyName: (id: number) => string;
}): string {
  const updated = o.items[0]?.published_at ?? '1970-01-01T00:00:00.000Z';
  const entries = o.items.map((a) => {
    const link = urls.announcement(o.baseUrl, o.lang, a.id);
    const body = pickLang(o.lang, a, 'body');
    return [
      '<entry>',
      `<title>${xml(pickLang(o.lang, a, 'title'))}</title>`,
      `<id>${xml(`${o.baseUrl}/announcements/${a.id}`)}</id>`,
      `<link rel="alternate" type="text/html" href="${xml(link)}"/>`,
      `<published>${a.published_at}</published>`,
      `<updated>${a.published_at}</updated>`,
      `<author><name>${xml(o.agencyName(a.agency_id))}</name></author>`,
      `<category term="${a.kind}" label="${xml(translate(o.lang, kindLabel[a.kind]))}"/>`,
      `<summary type="text">${xml(body.length > 300 ? `${body.slice(0, 297)}…` : body)}</summary>`,
      `<content type="text">${xml(body)}</content>`,
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${o.lang}">`,
    `<title>${xml(o.title)}</title>`,
    `<id>${xml(o.selfUrl)}</id>`,
    `<updated>${updated}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xml(o.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xml(o.pageUrl)}"/>`,
    `<generator>Yusr</generator>`,
    ...entries,
    '</feed>',
  ].join('\n');
}

/** An iCalendar document of planned downtime: one event per announcement, in UTC. */
export function downtimeCalendar(o: {
  lang: Lang;
  name: string;
  baseUrl: string;
  items: Announcement[];
  agencyName: (id: number) => string;
  now?: Date;
}): string {
  const host = new URL(o.baseUrl).hostname;
  return calendar({
    product: 'Notify',
    name: o.name,
    now: o.now,
    events: o.items.flatMap((a) =>
      a.starts_at && a.ends_at
        ? [
            {
              uid: `announcement-${a.id}@${host}`,
              start: a.starts_at,
              end: a.ends_at,
              summary: `${o.agencyName(a.agency_id)}: ${pickLang(o.lang, a, 'title')}`,
              description: pickLang(o.lang, a, 'body'),
              url: urls.announcement(o.baseUrl, o.lang, a.id),
              status: 'CONFIRMED' as const,
              transparent: true,
            },
          ]
        : [],
    ),
  });
}

/** Sends a feed with a strong ETag (answering 304 when the reader already has it) and five minutes of caching. */
function sendText(req: FastifyRequest, reply: FastifyReply, body: string, type: string): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag).header('cache-control', 'public, max-age=300');
  const inm = req.headers['if-none-match'];
  if (inm?.split(',').some((x) => x.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
  return reply.type(type).send(body);
}

/** Published announcements reaching a target, newest first (feeds use the targets saved at publication). */
async function publishedFor(app: FastifyInstance, f: { agencyId?: number; serviceId?: number; target?: Target; kind?: 'downtime' }) {
  const db = app.deps.db;
  let q = db.selectFrom('notify_announcements as a').selectAll('a').where('a.status', '=', 'published');
  if (f.agencyId) q = q.where('a.agency_id', '=', f.agencyId);
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.serviceId) {
    const sid = f.serviceId;
    q = q.where('a.id', 'in', (eb) =>
      eb.selectFrom('notify_announcement_services').select('announcement_id').where('service_id', '=', sid),
    );
  }
  if (f.target) {
    const pattern = `%${JSON.stringify({ type: f.target.type, key: f.target.key })}%`;
    q = q.where('a.id', 'in', (eb) => eb.selectFrom('notify_fanouts').select('announcement_id').where('targets_json', 'like', pattern));
  }
  return q.orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(FEED_SIZE).execute();
}

/** Atom feeds for everything, every agency, service, category and audience; an iCalendar feed of planned downtime. */
export async function feedRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const base = deps.config.baseUrl;
  const names = async (lang: Lang) => {
    const m = new Map((await allAgencies(deps)).map((a) => [a.id, a]));
    return (id: number) => (m.get(id) ? pickLang(lang, m.get(id) as never, 'name') : '');
  };
  const opts = { config: { access: 'public' as const }, schema: { hide: true } };
  const sendAtom = async (req: FastifyRequest, reply: FastifyReply, lang: Lang, title: string, pagePath: string, items: Announcement[]) => {
    const body = atomFeed({
      lang,
      title,
      selfUrl: `${base}${req.url.split('?')[0]}`,
      pageUrl: `${base}/${lang}${pagePath}`,
      baseUrl: base,
      items,
      agencyName: await names(lang),
    });
    return sendText(req, reply, body, 'application/atom+xml; charset=utf-8');
  };
  const t = (lang: Lang, k: MessageKey, p?: Record<string, string>) => translate(lang, k, p);
  const param = (req: FastifyRequest, k: string) => {
    const v = (req.params as Record<string, string>)[k];
    if (!/^[a-z0-9][a-z0-9/_-]{0,79}$/.test(v ?? '')) throw new NotFoundError();
    return v;
  };

  for (const lang of langs) {
    app.get(`/feeds/${lang}/announcements.atom`, opts, async (req, reply) =>
      sendAtom(req, reply, lang, t(lang, 'notify.feed.all'), '/announcements', await publishedFor(app, {})),
    );
    app.get(`/feeds/${lang}/agencies/:code.atom`, opts, async (req, reply) => {
      const a = (await allAgencies(deps)).find((x) => x.code === param(req, 'code'));
      if (!a) throw new NotFoundError();
      return sendAtom(
        req,
        reply,
        lang,
        t(lang, 'notify.feed.agency', { name: pickLang(lang, a, 'name') }),
        `/agencies/${a.code}`,
        await publishedFor(app, { agencyId: a.id }),
      );
    });
    app.get(`/feeds/${lang}/services/:identifier.atom`, opts, async (req, reply) => {
      const s = await catalog.findServiceByIdentifier(deps.db, param(req, 'identifier'));
      if (!s?.published_json) throw new NotFoundError();
      return sendAtom(
        req,
        reply,
        lang,
        t(lang, 'notify.feed.service', { name: pickLang(lang, s, 'name') }),
        `/services/${s.identifier}`,
        await publishedFor(app, { serviceId: s.id }),
      );
    });
    app.get(`/feeds/${lang}/categories/:code.atom`, opts, async (req, reply) => {
      const term = (await catalog.listTerms(deps.db, 'category')).find((x) => x.code === param(req, 'code'));
      if (!term) throw new NotFoundError();
      const items = await publishedFor(app, { target: { type: 'category', key: term.code } });
      return sendAtom(
        req,
        reply,
        lang,
        t(lang, 'notify.feed.category', { name: pickLang(lang, term, 'name') }),
        `/services?category=${term.code}`,
        items,
      );
    });
    app.get(`/feeds/${lang}/audiences/:code.atom`, opts, async (req, reply) => {
      const code = param(req, 'code');
      if (!audiences.includes(code as never)) throw new NotFoundError();
      const items = await publishedFor(app, { target: { type: 'audience', key: code } });
      const audience = keyFor(audienceLabel, code);
      return sendAtom(
        req,
        reply,
        lang,
        t(lang, 'notify.feed.audience', { name: audience ? t(lang, audience) : code }),
        `/services?audience=${code}`,
        items,
      );
    });
    app.get(`/feeds/${lang}/downtime.ics`, opts, async (req, reply) => {
      const code = (req.query as Record<string, unknown>).agency;
      const agency = typeof code === 'string' ? (await allAgencies(deps)).find((x) => x.code === code) : undefined;
      if (typeof code === 'string' && !agency) throw new NotFoundError();
      const items = await publishedFor(app, { kind: 'downtime', agencyId: agency?.id });
      const name = agency
        ? t(lang, 'notify.feed.downtime_agency', { name: pickLang(lang, agency, 'name') })
        : t(lang, 'notify.feed.downtime');
      const body = downtimeCalendar({ lang, name, baseUrl: base, items, agencyName: await names(lang) });
      return sendText(req, reply, body, 'text/calendar; charset=utf-8');
    });
  }
}
