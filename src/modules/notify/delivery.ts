import type { Kysely } from 'kysely';
import type { DB } from '../../db.ts';
import { slot } from '../../platform/app-state.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import type { FailedMessage, OutgoingMessage, RenderOutcome } from '../../platform/messaging/messaging.ts';
import * as catalog from '../catalog/public.ts';
import { getAgency } from '../identity/public.ts';
import { type Announcement, findAnnouncement, servicesOf } from './announcements.repo.ts';
import { logoUrlOf } from './branding.ts';
import { recipientLinks } from './links.ts';
import {
  type AnnouncementContext,
  announcementTemplate,
  type DigestEntry,
  digestTemplate,
  type EmailTemplate,
  personalize,
} from './render.ts';
import { subscribersByIds } from './subscribers.repo.ts';

/** Message sources of this module; the fan-out writes these and the dispatcher renders them just before sending. */
export const SOURCE = { announcement: 'notify.announcement', digest: 'notify.digest', sms: 'notify.sms' } as const;

/** Keys that make each message unique: one per (subscriber, announcement, channel), one per (subscriber, digest). */
export const keys = {
  emailPrefix: (announcementId: number) => `notify:a:${announcementId}:s:`,
  smsPrefix: (announcementId: number) => `notify:a:${announcementId}:s:`,
  digestPrefix: (digestKey: string) => `notify:d:${digestKey}:s:`,
};
/** The subscriber a message is for, and the announcement or digest it carries, as queued (the message's references). */
const subscriberOf = (m: OutgoingMessage) => Number(m.ref.recipientId ?? 0);
const refOf = (m: OutgoingMessage) => m.ref.refId ?? '';

/** Everything an announcement email shows, loaded once. */
export async function announcementContext(deps: Deps, a: Announcement): Promise<AnnouncementContext> {
  const agency = await getAgency(deps, a.agency_id);
  const ids = (await servicesOf(deps.db, [a.id])).get(a.id) ?? [];
  const services = [];
  for (const id of ids) {
    const s = await catalog.findService(deps.db, id);
    if (s) services.push({ identifier: s.identifier, name_ar: s.name_ar, name_en: s.name_en });
  }
  return { agency, services, logoUrl: await logoUrlOf(deps, a.agency_id), baseUrl: deps.config.baseUrl, timeZone: deps.config.timeZone };
}

// Templates are immutable once published, so each app renders one per announcement and language.
const templateSlot = slot<Map<string, Promise<EmailTemplate | null>>>('notify.email_templates');
function cached(deps: Deps, key: string, make: () => Promise<EmailTemplate | null>) {
  const templates = deps.state.get(templateSlot, () => new Map());
  let t = templates.get(key);
  if (!t) {
    if (templates.size > 500) templates.delete(templates.keys().next().value as string);
    const all = templates;
    t = make().catch((err) => {
      all.delete(key);
      throw err;
    });
    templates.set(key, t);
  }
  return t;
}

async function announcementTemplateFor(deps: Deps, id: number, lang: Lang) {
  return cached(deps, `a:${id}:${lang}`, async () => {
    const a = await findAnnouncement(deps.db, id);
    if (a?.status !== 'published') return null;
    return announcementTemplate(a, await announcementContext(deps, a), lang);
  });
}

const live = (s: { status: string } | undefined) => s?.status === 'confirmed';

/** Immediate announcement emails: the shared template plus this subscriber's links; cancelled if they left meanwhile. */
async function renderAnnouncementEmails(deps: Deps, rows: OutgoingMessage[]) {
  const out = new Map<number, RenderOutcome>();
  const subs = new Map((await subscribersByIds(deps.db, [...new Set(rows.map(subscriberOf))])).map((s) => [s.id, s]));
  for (const m of rows) {
    const s = subs.get(subscriberOf(m));
    if (!s || !live(s)) {
      out.set(m.id, { cancel: s ? `subscriber ${s.status}` : 'subscriber gone' });
      continue;
    }
    const announcementId = Number(refOf(m));
    const t = await announcementTemplateFor(deps, announcementId, s.locale);
    if (!t) out.set(m.id, { cancel: 'announcement not published' });
    else out.set(m.id, personalize(t, recipientLinks(deps.config.secretKey, deps.config.baseUrl, s.locale, s, announcementId)));
  }
  return out;
}

/** Text messages go out only while the subscriber still wants them. */
async function checkSms(deps: Deps, rows: OutgoingMessage[]) {
  const out = new Map<number, RenderOutcome>();
  const subs = new Map((await subscribersByIds(deps.db, [...new Set(rows.map(subscriberOf))])).map((s) => [s.id, s]));
  for (const m of rows) {
    const s = subs.get(subscriberOf(m));
    const ok = s && live(s) && s.sms_enabled === 1 && s.phone === m.to;
    out.set(m.id, ok ? { text: m.text } : { cancel: 'texts turned off' });
  }
  return out;
}

/** Digests: each subscriber's announcements since their last digest, rendered once per distinct list. */
async function renderDigests(deps: Deps, rows: OutgoingMessage[]) {
  const out = new Map<number, RenderOutcome>();
  const subs = new Map((await subscribersByIds(deps.db, rows.map(subscriberOf))).map((s) => [s.id, s]));
  const byDigest = new Map<string, number[]>();
  for (const m of rows) byDigest.set(refOf(m), [...(byDigest.get(refOf(m)) ?? []), subscriberOf(m)]);
  const entries = new Map<
    string,
    (DigestEntry & {
      agency_id: number;
      frequency: 'daily' | 'weekly';
      title_ar: string;
      title_en: string;
      body_ar: string;
      body_en: string;
    })[]
  >();
  for (const [digestKey, ids] of byDigest) {
    const items = await itemsOf(deps.db, digestKey, ids);
    for (const it of items) {
      const key = `${digestKey}|${it.subscriber_id}`;
      entries.set(key, [...(entries.get(key) ?? []), { ...it, title: '', body: '', agency: '' }]);
    }
  }
  const agencies = new Map<number, { name_ar: string; name_en: string }>();
  const shared = new Map<string, EmailTemplate>();
  for (const m of rows) {
    const s = subs.get(subscriberOf(m));
    const list = entries.get(`${refOf(m)}|${subscriberOf(m)}`);
    if (!s || !live(s) || !list?.length) {
      out.set(m.id, { cancel: !s || !live(s) ? 'subscriber not confirmed' : 'nothing to send' });
      continue;
    }
    const lang = s.locale;
    const signature = `${refOf(m)}|${lang}|${list.map((e) => e.id).join(',')}`;
    let t = shared.get(signature);
    if (!t) {
      for (const e of list) if (!agencies.has(e.agency_id)) agencies.set(e.agency_id, await getAgency(deps, e.agency_id));
      const localized = list.map((e) => ({
        ...e,
        title: lang === 'ar' ? e.title_ar : e.title_en,
        body: lang === 'ar' ? e.body_ar : e.body_en,
        agency: (lang === 'ar' ? agencies.get(e.agency_id)?.name_ar : agencies.get(e.agency_id)?.name_en) ?? '',
      }));
      t = digestTemplate(lang, list[0].frequency, m.queuedAt, localized, deps.config.baseUrl, deps.config.timeZone);
      shared.set(signature, t);
    }
    out.set(m.id, personalize(t, recipientLinks(deps.config.secretKey, deps.config.baseUrl, lang, s)));
  }
  return out;
}

async function itemsOf(db: Kysely<DB>, digestKey: string, subscriberIds: number[]) {
  return db
    .selectFrom('notify_digest_items as i')
    .innerJoin('notify_announcements as a', 'a.id', 'i.announcement_id')
    .select([
      'i.subscriber_id',
      'i.frequency',
      'a.id',
      'a.kind',
      'a.agency_id',
      'a.title_ar',
      'a.title_en',
      'a.body_ar',
      'a.body_en',
      'a.published_at',
    ])
    .where('i.digest_key', '=', digestKey)
    .where('i.subscriber_id', 'in', subscriberIds)
    .where('a.status', '=', 'published')
    .orderBy('i.subscriber_id')
    .orderBy('a.published_at')
    .orderBy('a.id')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, published_at: r.published_at ?? '' })));
}

/** Registers the send-time renderers and the bounce listener with the platform's dispatcher. */
export function registerDelivery(deps: Deps, onBounce: (m: FailedMessage) => Promise<void>): void {
  deps.messaging.renderAtSend(SOURCE.announcement, (_db, rows) => renderAnnouncementEmails(deps, rows));
  deps.messaging.renderAtSend(SOURCE.digest, (_db, rows) => renderDigests(deps, rows));
  deps.messaging.renderAtSend(SOURCE.sms, (_db, rows) => checkSms(deps, rows));
  deps.messaging.onPermanentFailure(async (_db, m) => onBounce(m));
}

/** Forgets cached templates (tests that edit published rows directly). */
export const clearTemplateCache = (deps: Deps) => deps.state.peek(templateSlot)?.clear();
