import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { getForStaff } from './announcements.service.ts';
import { announcementContext } from './delivery.ts';
import { announcementSms, announcementTemplate, personalize } from './render.ts';

/**
 * What a subscriber reading `lang` will receive: the same template the dispatcher sends, with
 * stand-in personal links (a real subscriber's links carry their own signed token).
 */
export async function previewAnnouncement(deps: Deps, ctx: Ctx, id: number, lang: Lang) {
  const { announcement: a, agency } = await getForStaff(deps, ctx, id);
  // Drafts have no publication date yet; show the day it would go out.
  const shown = { ...a, published_at: a.published_at ?? a.publish_at ?? new Date().toISOString() };
  const template = announcementTemplate(shown, await announcementContext(deps, a), lang);
  const base = `${deps.config.baseUrl}/${lang}/subscriptions`;
  const email = personalize(template, { manage: `${base}/manage`, unsubscribe: `${base}/manage` });
  return { email, sms: announcementSms(a, agency, lang, deps.config.baseUrl), title: lang === 'ar' ? a.title_ar : a.title_en };
}
