import type { MessageKey } from '../../messages.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { keyFor, type Lang, type Params, translate } from '../../platform/i18n/i18n.ts';
import { formatList } from '../../platform/i18n/lists.ts';
import type { ServiceData, ServicePublished } from '../catalog/public.ts';
import { channelTypeLabel, formatMoney } from '../catalog/public.ts';
import * as repo from './announcements.repo.ts';
import { createInTransaction } from './announcements.service.ts';

/** What changed in a publication that beneficiaries must hear about. */
export type Watched = 'channels' | 'fees' | 'requirements';
const WATCHED: Watched[] = ['channels', 'fees', 'requirements'];
/** The kinds of announcement a publication drafts by itself. */
type AutoKind = 'launch' | 'retirement' | 'change';
const fieldLabel = {
  channels: 'notify.auto.field.channels',
  fees: 'notify.auto.field.fees',
  requirements: 'notify.auto.field.requirements',
} as const satisfies Record<Watched, MessageKey>;
const titleLabel = {
  launch: 'notify.auto.launch_title',
  retirement: 'notify.auto.retirement_title',
  change: 'notify.auto.change_title',
} as const satisfies Record<AutoKind, MessageKey>;

/** The announcements a publication calls for: a launch, a retirement, or a change of how, how much or what is needed. */
export function draftsFor(e: Pick<ServicePublished, 'previous' | 'current'>): { kind: AutoKind; reasons: string[] }[] {
  const prev = e.previous;
  const cur = e.current;
  if (cur.status === 'live' && prev?.status !== 'live') return [{ kind: 'launch', reasons: ['status_live'] }];
  if (cur.status === 'retired' && prev?.status !== 'retired') return [{ kind: 'retirement', reasons: ['retired'] }];
  if (!prev || cur.status === 'retired') return [];
  const changed = WATCHED.filter((f) => JSON.stringify(prev[f]) !== JSON.stringify(cur[f]));
  return changed.length ? [{ kind: 'change', reasons: changed }] : [];
}

function feesLine(lang: Lang, d: ServiceData, t: (k: MessageKey, p?: Params) => string) {
  const paid = d.fees.filter((f) => f.amount > 0);
  return paid.length ? formatList(lang, [...new Set(paid.map((f) => formatMoney(lang, f.amount, f.currency)))]) : t('notify.auto.free');
}

function channelsLine(lang: Lang, d: ServiceData, t: (k: MessageKey, p?: Params) => string) {
  return formatList(
    lang,
    d.channels.map((c) => `${t(channelTypeLabel[c.type])}${c.url ? ` (${c.url})` : c.phone ? ` (${c.phone})` : ''}`),
  );
}

/** The draft's title and body in one language, written from the service record. */
function text(lang: Lang, kind: AutoKind, reasons: string[], e: Pick<ServicePublished, 'previous' | 'current'>) {
  const t = (k: MessageKey, p?: Params) => translate(lang, k, p);
  const name = e.current.name[lang];
  const paragraphs: string[] = [];
  if (kind === 'launch') {
    paragraphs.push(
      t('notify.auto.launch_body', { name }),
      e.current.description[lang],
      t('notify.auto.channels_now', { channels: channelsLine(lang, e.current, t) }),
    );
  } else if (kind === 'retirement') {
    paragraphs.push(t('notify.auto.retirement_body', { name }));
  } else {
    paragraphs.push(
      t('notify.auto.change_body', {
        name,
        what: formatList(
          lang,
          reasons.flatMap((r) => {
            const key = keyFor(fieldLabel, r);
            return key ? [t(key)] : [];
          }),
        ),
      }),
    );
    if (reasons.includes('fees') && e.previous) {
      paragraphs.push(t('notify.auto.fees_changed', { before: feesLine(lang, e.previous, t), after: feesLine(lang, e.current, t) }));
    }
    if (reasons.includes('channels')) paragraphs.push(t('notify.auto.channels_now', { channels: channelsLine(lang, e.current, t) }));
    if (reasons.includes('requirements')) {
      const reqs = e.current.requirements.map((r) => r[lang]);
      paragraphs.push(
        reqs.length ? t('notify.auto.requirements_now', { requirements: formatList(lang, reqs) }) : t('notify.auto.requirements_none'),
      );
    }
  }
  const title = t(titleLabel[kind], { name }).slice(0, 150);
  return { title, body: paragraphs.join('\n\n').slice(0, 5000) };
}

/**
 * Reacts to every catalog publication: drafts the matching announcement for the agency to approve.
 * Keyed by service and version, so a redelivered event drafts nothing twice.
 */
export async function onServicePublished(deps: Deps, e: ServicePublished): Promise<void> {
  for (const d of draftsFor(e)) {
    const sourceKey = `catalog:${e.serviceId}:v${e.version}:${d.kind}`;
    if (await repo.findBySourceKey(deps.db, sourceKey)) continue;
    const ar = text('ar', d.kind, d.reasons, e);
    const en = text('en', d.kind, d.reasons, e);
    await deps.db.transaction().execute(async (trx) => {
      if (await repo.findBySourceKey(trx, sourceKey)) return;
      await createInTransaction(
        trx,
        systemCtx('notify auto-draft'),
        {
          agency_id: e.agencyId,
          kind: d.kind,
          title_ar: ar.title,
          title_en: en.title,
          body_ar: ar.body,
          body_en: en.body,
          service_ids: [e.serviceId],
        },
        { origin: 'auto', source_key: sourceKey, auto_reason: d.reasons.join(',') },
      );
    });
  }
}
