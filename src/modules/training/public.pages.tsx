import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { langs, translate } from '../../platform/i18n/i18n.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { type CalendarEvent, trainingCalendar } from './ical.ts';
import { exportProgress } from './progress.service.ts';
import { publicCatalogue } from './training.service.ts';
import { PublicTrainingPage } from './views/public.views.tsx';

/** The public training page, in both languages (registered under /ar and /en). */
export async function publicTrainingPages(app: FastifyInstance): Promise<void> {
  app.get('/training', { config: { access: 'public' } }, async (req, reply) =>
    sendPage(req, reply, <PublicTrainingPage items={await publicCatalogue(app.deps)} />),
  );
}

/** The national progress as CSV: a file, not a page, so it is registered once, without a language prefix (?lang= names the language). */
export async function trainingDownloads(app: FastifyInstance): Promise<void> {
  app.get(
    '/console/training/progress.csv',
    { config: { access: { roles: ['program_admin', 'program_reviewer', 'leadership_viewer'] } }, schema: { hide: true } },
    async (req, reply) => {
      const raw = (req.query as Record<string, unknown>).year;
      const year =
        typeof raw === 'string' && /^\d{4}$/.test(raw) && Number(raw) >= 2000 && Number(raw) <= 2100
          ? Number(raw)
          : new Date().getUTCFullYear();
      const file = await exportProgress(app.deps, req.ctx, year, req.lang);
      return reply
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .type('text/csv; charset=utf-8')
        .send(file.body);
    },
  );
}

/** The iCalendar feed of the public programmes' sessions, one per language: /training/calendar/ar.ics. */
export async function trainingFeeds(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  for (const lang of langs) {
    app.get(`/training/calendar/${lang}.ics`, { config: { access: 'public' } }, async (req, reply) => {
      const events: CalendarEvent[] = [];
      for (const { programme: p, offerings, sessions } of await publicCatalogue(deps))
        for (const o of offerings)
          for (const s of sessions.get(o.id) ?? [])
            events.push({
              uid: `training-session-${s.id}@${new URL(deps.config.baseUrl).hostname}`,
              start: s.starts_at,
              end: s.ends_at,
              summary: lang === 'ar' ? p.title_ar : p.title_en,
              description: lang === 'ar' ? p.description_ar : p.description_en,
              location: [lang === 'ar' ? o.location_ar : o.location_en, o.online_url].filter(Boolean).join(' · ') || null,
              url: `${deps.config.baseUrl}/${lang}/training`,
              cancelled: o.status === 'cancelled',
            });
      const body = trainingCalendar({ name: translate(lang, 'training.public.title'), events });
      const etag = `"${createHash('sha256')
        .update(body.replace(/^DTSTAMP:.*$/gm, ''))
        .digest('base64url')
        .slice(0, 27)}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=300');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('text/calendar; charset=utf-8').send(body);
    });
  }
}
