import { mulberry32 } from '../../demo/catalog.generate.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import type { DemoOptions } from '../../platform/module.ts';
import * as catalog from '../catalog/public.ts';
import { audiences, launchesBetween } from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import * as repo from './announcements.repo.ts';
import { createInTransaction, publishInTransaction, submitAnnouncement } from './announcements.service.ts';
import type { AnnouncementKind, Frequency, TargetType } from './notify.tables.ts';
import { announcementTargets } from './targets.ts';

const DAY = 86_400_000;
const SUBSCRIBERS = 300;
/** Agencies whose demo services get announcements (when the catalog demo has them). */
const AGENCIES = ['moh', 'mc', 'gdp', 'traffic', 'hrsd', 'zatca', 'moj', 'riyadh-municipality'];

interface Plan {
  kind: AnnouncementKind;
  ar: [string, string];
  en: [string, string];
  /** Days from now the announcement was (negative) or will be published; null leaves it for approval. */
  publishedDays: number | null;
  window?: [number, number];
}

const text = {
  change: {
    ar: ['تحديث على خدمة: {name}', 'أصبح بإمكانك إنجاز «{name}» من تطبيق الجوال، ولم تعد بحاجة إلى زيارة مركز الخدمة.'],
    en: ['Changes to {name}', 'You can now complete “{name}” in the mobile app; there is no need to visit a service centre.'],
  },
  downtime: {
    ar: ['صيانة مجدولة: {name}', 'ستتوقف خدمة «{name}» مؤقتاً لأعمال الصيانة المجدولة. نعتذر عن الإزعاج.'],
    en: ['Planned maintenance: {name}', '“{name}” will be unavailable during planned maintenance. We apologise for the inconvenience.'],
  },
  outage: {
    ar: ['انقطاع مؤقت: {name}', 'واجهت خدمة «{name}» انقطاعاً مؤقتاً، وعادت إلى العمل. تُستكمل الطلبات المعلّقة تلقائياً.'],
    en: ['Temporary outage: {name}', '“{name}” was briefly unavailable and is working again. Pending requests complete automatically.'],
  },
  news: {
    ar: ['ساعات عمل إضافية لمراكز الخدمة', 'تمدد الجهة ساعات عمل مراكز الخدمة حتى العاشرة مساءً خلال الأسبوعين القادمين.'],
    en: ['Longer opening hours at service centres', 'Service centres stay open until 10 pm for the next two weeks.'],
  },
  retirement: {
    ar: ['إيقاف خدمة: {name}', 'أُوقفت خدمة «{name}» ودُمجت في خدمات الجهة الأخرى. راجع صفحة الجهة لمعرفة البديل.'],
    en: [
      'Service retired: {name}',
      '“{name}” has been retired and merged into the agency’s other services. See the agency’s page for what replaces it.',
    ],
  },
  launch: {
    ar: ['خدمة جديدة: {name}', 'أصبحت خدمة «{name}» متاحة إلكترونياً على مدار الساعة.'],
    en: ['New service: {name}', '“{name}” is now available online around the clock.'],
  },
} as const;

/**
 * Demo data of notify: a few hundred confirmed subscribers following every kind of target, and
 * announcements of each kind for the demo agencies — most published in the past weeks, two sent
 * to subscribers now (so the outbox and the delivery report have something to show), one waiting
 * for the Ministry of Health administrator's approval. About two launches in three are announced,
 * so the silent-launch rate has something to count. Skips what exists: safe to run again.
 */
export async function loadNotifyDemo(
  deps: Deps,
  ctx: Ctx,
  opts: DemoOptions = {},
): Promise<{ subscribers: number; announcements: number }> {
  const random = mulberry32(1433);
  const pickOne = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const agencies = (await allAgencies(deps)).filter((a) => AGENCIES.includes(a.code));
  const services = new Map<number, { id: number; name_ar: string; name_en: string }[]>();
  const retired = new Map<number, { id: number; name_ar: string; name_en: string }>();
  for (const a of agencies) {
    const rows = await catalog.listServices(deps.db, { agencyIds: [a.id], state: 'published', status: 'live' }, 40, 0);
    if (rows.length) services.set(a.id, rows);
    const gone = await catalog.listServices(deps.db, { agencyIds: [a.id], state: 'published', status: 'retired' }, 1, 0);
    if (gone[0]) retired.set(a.id, gone[0]);
  }
  const categories = (await catalog.listTerms(deps.db, 'category')).map((t) => t.code);
  const subscribers = await loadSubscribers(deps, Math.max(1, Math.round(SUBSCRIBERS * (opts.volume ?? 1))), () => {
    const r = random();
    const agency = pickOne(agencies);
    const svc = agency && services.get(agency.id) ? pickOne(services.get(agency.id) ?? []) : undefined;
    const target: [TargetType, string] =
      r < 0.2
        ? ['new_services', '*']
        : r < 0.45 && agency
          ? ['agency', String(agency.id)]
          : r < 0.65 && categories.length
            ? ['category', pickOne(categories)]
            : r < 0.8
              ? ['audience', pickOne(audiences)]
              : svc
                ? ['service', String(svc.id)]
                : ['new_services', '*'];
    const frequency: Frequency = random() < 0.6 ? 'immediate' : random() < 0.7 ? 'daily' : 'weekly';
    return { target, frequency, locale: random() < 0.7 ? 'ar' : 'en' };
  });

  let created = 0;
  const now = Date.now();
  for (const [i, agency] of agencies.entries()) {
    const list = services.get(agency.id);
    if (!list?.length) continue;
    const plans: Plan[] = [
      { kind: 'change', ar: [...text.change.ar], en: [...text.change.en], publishedDays: -40 + i },
      { kind: 'outage', ar: [...text.outage.ar], en: [...text.outage.en], publishedDays: -12 + i, window: [-12 + i, -12 + i + 0.1] },
      { kind: 'downtime', ar: [...text.downtime.ar], en: [...text.downtime.en], publishedDays: -2, window: [6 + i, 6.2 + i] },
      { kind: 'news', ar: [...text.news.ar], en: [...text.news.en], publishedDays: -5 - i },
    ];
    if (agency.code === 'moh') plans.push({ kind: 'change', ar: [...text.change.ar], en: [...text.change.en], publishedDays: null });
    const gone = retired.get(agency.id);
    if (gone)
      created += await plant(
        deps,
        ctx,
        `demo:${agency.code}:retired:${gone.id}`,
        agency.id,
        gone,
        { kind: 'retirement', ar: [...text.retirement.ar], en: [...text.retirement.en], publishedDays: -20 - i },
        now,
        false,
      );
    for (const [j, plan] of plans.entries()) {
      const svc = list[(i + j) % list.length];
      created += await plant(
        deps,
        ctx,
        `demo:${agency.code}:${j}`,
        agency.id,
        svc,
        plan,
        now,
        (i === 0 && j === 2) || (i === 1 && j === 3),
      );
    }
    // Two launches in three get their announcement: the rest are the silent launches to flag.
    const launches = await launchesBetween(deps, new Date(now - 120 * DAY).toISOString(), new Date(now).toISOString(), agency.id);
    for (const [k, l] of launches.slice(0, 6).entries()) {
      if (k % 3 === 2) continue;
      const svc = { id: l.service_id, name_ar: l.name_ar, name_en: l.name_en };
      const days = (Date.parse(l.changed_at) - now) / DAY - 2;
      created += await plant(
        deps,
        ctx,
        `demo:${agency.code}:launch:${l.service_id}`,
        agency.id,
        svc,
        { kind: 'launch', ar: [...text.launch.ar], en: [...text.launch.en], publishedDays: days },
        now,
        false,
      );
    }
  }
  return { subscribers, announcements: created };
}

/** Confirmed subscribers beneficiary-001@yusr.demo … (300 at volume 1) with one or two subscriptions each. */
async function loadSubscribers(
  deps: Deps,
  count: number,
  choose: () => { target: [TargetType, string]; frequency: Frequency; locale: 'ar' | 'en' },
) {
  const now = nowIso();
  let added = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (let n = 1; n <= count; n++) {
      const email = `beneficiary-${String(n).padStart(3, '0')}@yusr.demo`;
      const c = choose();
      if (await trx.selectFrom('notify_subscribers').select('id').where('email', '=', email).executeTakeFirst()) continue;
      const s = await trx
        .insertInto('notify_subscribers')
        .values({
          email,
          locale: c.locale,
          status: 'confirmed',
          token_version: 1,
          phone: n % 25 === 0 ? `+9665${String(50_000_000 + n).slice(-8)}` : null,
          phone_verified_at: n % 25 === 0 ? now : null,
          sms_enabled: n % 25 === 0 ? 1 : 0,
          phone_code_hash: null,
          phone_code_expires_at: null,
          phone_code_attempts: 0,
          confirmed_at: now,
          suspended_at: null,
          suspended_reason: null,
          unsubscribed_at: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const targets = [c.target, ...(n % 4 === 0 ? [choose().target] : [])];
      for (const [type, key] of targets) {
        await trx
          .insertInto('notify_subscriptions')
          .values({
            subscriber_id: s.id,
            target_type: type,
            target_key: key,
            frequency: c.frequency,
            status: 'active',
            created_at: now,
            confirmed_at: now,
          })
          .onConflict((oc) => oc.columns(['subscriber_id', 'target_type', 'target_key']).doNothing())
          .execute();
      }
      added++;
    }
  });
  return added;
}

/** One announcement, keyed by `key` so a second run skips it; history is backdated and not sent again. */
async function plant(
  deps: Deps,
  ctx: Ctx,
  key: string,
  agencyId: number,
  svc: { id: number; name_ar: string; name_en: string },
  plan: Plan,
  now: number,
  sendNow: boolean,
): Promise<number> {
  if (await repo.findBySourceKey(deps.db, key)) return 0;
  const fill = (s: string, name: string) => s.replaceAll('{name}', name);
  const at = (days: number) => new Date(now + days * DAY).toISOString();
  const row = await deps.db.transaction().execute(async (trx) => {
    const a = await createInTransaction(
      trx,
      ctx,
      {
        agency_id: agencyId,
        kind: plan.kind,
        title_ar: fill(plan.ar[0], svc.name_ar).slice(0, 150),
        title_en: fill(plan.en[0], svc.name_en).slice(0, 150),
        body_ar: fill(plan.ar[1], svc.name_ar),
        body_en: fill(plan.en[1], svc.name_en),
        service_ids: [svc.id],
        starts_at: plan.window ? at(plan.window[0]) : undefined,
        ends_at: plan.window && plan.kind === 'downtime' ? at(plan.window[1]) : undefined,
      },
      { origin: 'manual', source_key: key },
    );
    if (plan.publishedDays === null) return a;
    if (sendNow) {
      await publishInTransaction(trx, ctx, a.id, ['draft']);
      return a;
    }
    // History: published in the past, before these demo subscribers existed, so nothing is sent now.
    const publishedAt = at(plan.publishedDays);
    await repo.transition(trx, a.id, ['draft'], { status: 'published', published_at: publishedAt, approved_by: 'demo' });
    const targets = await announcementTargets(trx, a, [svc.id]);
    await trx
      .insertInto('notify_fanouts')
      .values({
        announcement_id: a.id,
        status: 'done',
        targets_json: JSON.stringify(targets),
        slice: 0,
        cursor: 0,
        emails: 0,
        digests: 0,
        sms: 0,
        runs: 0,
        started_at: publishedAt,
        updated_at: publishedAt,
        finished_at: publishedAt,
      })
      .execute();
    await recordAudit(trx, ctx, {
      action: 'announcement.publish',
      recordType: 'announcement',
      recordId: a.id,
      agencyId,
      after: { published_at: publishedAt, demo: true },
    });
    return a;
  });
  if (plan.publishedDays === null) await submitAnnouncement(deps, ctx, row.id);
  return 1;
}
