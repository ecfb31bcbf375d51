import { z } from 'zod';
import type { MessageKey } from '../../messages.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import type { PageKey } from './site.tables.ts';

/** The text each page ships with, in the catalogs (translated and reviewed like every other text). */
const shipped = {
  privacy: { title: 'site.privacy.title', body: 'site.privacy.body' },
  accessibility: { title: 'site.accessibility.title', body: 'site.accessibility.body' },
  contact: { title: 'site.contact.title', body: 'site.contact.body' },
  help: { title: 'site.help.title', body: 'site.help.body' },
} as const satisfies Record<PageKey, { title: MessageKey; body: MessageKey }>;

export interface SitePage {
  key: PageKey;
  title: { ar: string; en: string };
  body: { ar: string; en: string };
  /** When the office last changed it; null while it shows the shipped text. */
  updatedAt: string | null;
}

const fromCatalogs = (key: PageKey): SitePage => ({
  key,
  title: { ar: translate('ar', shipped[key].title), en: translate('en', shipped[key].title) },
  body: { ar: translate('ar', shipped[key].body), en: translate('en', shipped[key].body) },
  updatedAt: null,
});

export async function sitePage(deps: Deps, key: PageKey): Promise<SitePage> {
  const row = await deps.db.selectFrom('site_pages').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return fromCatalogs(key);
  return { key, title: { ar: row.title_ar, en: row.title_en }, body: { ar: row.body_ar, en: row.body_en }, updatedAt: row.updated_at };
}

export async function allSitePages(deps: Deps, keys: readonly PageKey[]): Promise<SitePage[]> {
  return Promise.all(keys.map((k) => sitePage(deps, k)));
}

const title = z.string().trim().min(2).max(120);
const body = z.string().trim().min(20).max(20_000);
export const pageSchema = z.object({ title_ar: title, title_en: title, body_ar: body, body_en: body });

/** The office's wording of a page, audited with what it replaced. */
export async function savePage(deps: Deps, ctx: Ctx, key: PageKey, input: unknown): Promise<void> {
  const v = parseInput(pageSchema, input);
  const before = await sitePage(deps, key);
  await deps.db.transaction().execute(async (trx) => {
    const values = { ...v, updated_at: nowIso(), updated_by: actorUserId(ctx) };
    await trx
      .insertInto('site_pages')
      .values({ key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'site.page.save',
      recordType: 'site_page',
      recordId: key,
      before: before.updatedAt ? { title: before.title, body: before.body } : { shipped: true },
      after: { title: { ar: v.title_ar, en: v.title_en }, body: { ar: v.body_ar, en: v.body_en } },
    });
  });
}

/** Back to the text Yusr ships with. */
export async function resetPage(deps: Deps, ctx: Ctx, key: PageKey): Promise<void> {
  const before = await sitePage(deps, key);
  if (!before.updatedAt) return;
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('site_pages').where('key', '=', key).execute();
    await recordAudit(trx, ctx, {
      action: 'site.page.reset',
      recordType: 'site_page',
      recordId: key,
      before: { title: before.title, body: before.body },
      after: { shipped: true },
    });
  });
}

const actorUserId = (ctx: Ctx): number | null => (ctx.actor.kind === 'user' ? ctx.actor.id : null);
