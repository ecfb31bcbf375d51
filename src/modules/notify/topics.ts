import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { extensionPoint } from '../../platform/views/extensions.ts';
import * as repo from './announcements.repo.ts';
import { createInTransaction } from './announcements.service.ts';
import { startFanout } from './fanout.ts';
import { announcementInput, targetKey } from './notify.schema.ts';

// Topics: things a later module lets people follow through notify's subscriptions (double opt-in,
// manage and unsubscribe links, digests) without notify knowing that module. The module fills
// `notifyTopics` from its manifest with a loader that names its own keys (null for any other), and
// publishes a notice to a topic's followers with `publishTopicNotice` in the transaction of the change.

/** What a topic is called, in both languages (a noun phrase: "new public consultations"), and its public page. */
export interface TopicLabel {
  ar: string;
  en: string;
  /** The page about it, without the language prefix. */
  path?: string;
}

/** The point topic owners fill: given a key, its label when the key is theirs and still stands, else null. */
export const notifyTopics = extensionPoint<{ key: string }>('notify.topics');

/** The label of a topic key from whichever module owns it, or undefined when none does. */
export async function topicLabel(deps: Deps, key: string): Promise<TopicLabel | undefined> {
  if (!targetKey.safeParse(key).success) return undefined;
  const loaded = await deps.extensions.load(notifyTopics, deps, { key }, systemCtx('notify topics'));
  return loaded.map((l) => l.data as TopicLabel | null).find((l) => l != null) ?? undefined;
}

/**
 * Publishes a notice to the followers of some topics inside the caller's transaction (the change it
 * announces was approved by whoever made it, so it needs no second approval): an announcement of the
 * agency, published at once, whose fan-out commits with it. Once per source key; returns its id.
 */
export async function publishTopicNotice(
  trx: Executor,
  ctx: Ctx,
  d: { agencyId: number; topics: string[]; sourceKey: string; title: Record<'ar' | 'en', string>; body: Record<'ar' | 'en', string> },
): Promise<number> {
  const existing = await repo.findBySourceKey(trx, d.sourceKey);
  if (existing) return existing.id;
  const input = parseInput(announcementInput, {
    agency_id: d.agencyId,
    kind: 'news',
    title_ar: d.title.ar.slice(0, 150),
    title_en: d.title.en.slice(0, 150),
    body_ar: d.body.ar.slice(0, 5000),
    body_en: d.body.en.slice(0, 5000),
  });
  const row = await createInTransaction(trx, ctx, input, { origin: 'auto', source_key: d.sourceKey, auto_reason: 'topic' });
  const at = nowIso();
  if (!(await repo.transition(trx, row.id, ['draft'], { status: 'published', published_at: at, approved_by: actorLabel(ctx.actor) }))) {
    throw new ConflictError('notify.error.wrong_state');
  }
  const targets = d.topics.map((key) => ({ type: 'topic' as const, key }));
  await startFanout(trx, row.id, targets);
  await recordAudit(trx, ctx, {
    action: 'announcement.publish',
    recordType: 'announcement',
    recordId: row.id,
    agencyId: d.agencyId,
    before: { status: 'draft' },
    after: { published_at: at, targets },
  });
  return row.id;
}
