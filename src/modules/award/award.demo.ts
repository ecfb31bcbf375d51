import { createHash } from 'node:crypto';
import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { hijriDayNumber, hijriOf, isoDay, localDayNumber } from '../../platform/i18n/dates.ts';
import { listServices } from '../catalog/public.ts';
import { allAgencies, findUsers, inviteUser } from '../identity/public.ts';
import { demoBranches, demoJudges, demoNominations } from './award.demo.data.ts';
import * as repo from './award.repo.ts';
import * as award from './award.service.ts';
import * as decisions from './decisions.service.ts';
import * as judging from './judging.service.ts';

// Demo data through the award's own services and rules. The first edition closed a Hijri year ago
// on 25 Dhu al-Hijjah, 23:59:59 Riyadh time, and its results are published; the second closes on
// the next 25 Dhu al-Hijjah and is open, with nominations drafted, submitted, screened eligible and
// ineligible, and withdrawn, judges seated with automatic, declared and office-added conflicts, and
// the eligible ones assigned. Judges are identity's demo judge and five more it invites. Scores
// come from a hash of the nomination and the judge, so every load gives the same figures.

const hash = (s: string) => createHash('sha256').update(s).digest().readUInt32BE(0);
const local = (day: number, time = '00:00:00') => `${isoDay(day)}T${time}`;

function dhulHijjah25(year: number): number {
  const d = hijriDayNumber(year, 12, 25);
  if (d === null) throw new Error(`no 25 Dhu al-Hijjah ${year}`);
  return d;
}

function judgeCtx(user: { id: number; name: string; email: string }): Ctx {
  return {
    actor: {
      kind: 'user',
      id: user.id,
      name: user.name,
      email: user.email,
      locale: 'ar',
      memberships: [{ role: 'judge', agencyId: null }],
    },
    lang: 'ar',
    requestId: null,
    ip: null,
  };
}

async function edition(deps: Deps, ctx: Ctx, number: number, hijriYear: number, openDay: number) {
  const close = dhulHijjah25(hijriYear);
  const cycle = await award.createCycle(deps, ctx, {
    number: String(number),
    name_ar: `جائزة الإنجاز للتعاملات الإلكترونية الحكومية — الدورة ${number === 1 ? 'الأولى' : 'الثانية'} (${hijriYear} هـ)`,
    name_en: `E-Government Achievement Award — edition ${number} (${hijriYear} AH)`,
    rules_ar:
      'تُقبل الترشيحات من الجهات الحكومية وشبه الحكومية عن أعمال أُنجزت خلال العامين الماضيين. يرشّح مدير الجهة أعمال جهته، ويُغلق باب الترشيح في الخامس والعشرين من ذي الحجة الساعة 23:59:59 بتوقيت الرياض. تفرز الأمانة الترشيحات، ثم يقيّمها محكّمون لا تعارض لمصالحهم معها.',
    rules_en:
      'Government and semi-government agencies may nominate work delivered in the last two years. An agency administrator nominates their agency; nominations close on 25 Dhu al-Hijjah at 23:59:59 Riyadh time. The program office screens nominations; judges with no conflict of interest score them.',
    announced_on: isoDay(openDay - 14),
    nominations_open_at: local(openDay),
    nominations_close_at: local(close, '23:59:59'),
    screening_ends_on: isoDay(close + 21),
    judging_ends_on: isoDay(close + 60),
    results_on: isoDay(close + 90),
    judges_per_nomination: '2',
  });
  const branches = new Map<string, repo.BranchRow>();
  for (const b of demoBranches) {
    const fields: Record<string, string> = {
      code: b.code,
      name_ar: b.name_ar,
      name_en: b.name_en,
      description_ar: b.description_ar,
      description_en: b.description_en,
      nominee_kind: b.nominee_kind,
      scale_max: '5',
    };
    if (b.live) fields.requires_live_service = 'on';
    fields.normalise = 'on';
    // Ideas and contributions of people are judged blind: judges see the work, not who did it.
    if (b.nominee_kind === 'individual' || b.nominee_kind === 'team') fields.blind = 'on';
    b.criteria.forEach(([ar, en, w], i) => {
      fields[`c${i + 1}_name_ar`] = ar;
      fields[`c${i + 1}_name_en`] = en;
      fields[`c${i + 1}_weight`] = String(w);
    });
    branches.set(b.code, await award.addBranch(deps, ctx, cycle.id, fields));
  }
  return { cycle, branches };
}

export async function awardDemo(deps: Deps, ctx: Ctx): Promise<Record<string, number>> {
  const counts = { award_cycles: 0, award_nominations: 0, award_reviews: 0 };
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.code, a]));
  if (agencies.size === 0) return counts;
  const tz = deps.config.timeZone;
  const now = new Date();
  const today = localDayNumber(tz, now.getTime());
  // The edition that is open closes on the next 25 Dhu al-Hijjah; the first closed a Hijri year before.
  let year = hijriOf(today).year;
  if (dhulHijjah25(year) <= today) year++;
  // The panel: identity's demo judge and five more, invited through identity's own use case.
  for (const j of demoJudges)
    if ((await findUsers(deps.db, { q: j.email }, 1, 0)).length === 0) await inviteUser(deps, ctx, { ...j, locale: 'ar', role: 'judge' });
  const people = await findUsers(deps.db, { role: 'judge' }, 50, 0);
  const judges = people.filter((u) => u.status !== 'deactivated').sort((a, b) => a.id - b.id);

  const liveService = async (agencyId: number) =>
    (await listServices(deps.db, { agencyIds: [agencyId], status: 'live', state: 'published' }, 50, 0)).sort((a, b) =>
      a.identifier.localeCompare(b.identifier),
    )[0];

  /** Each demo nomination whose agency exists (and, where the branch asks, has a live service), as a draft then onward. */
  async function nominate(cycle: repo.CycleRow, branches: Map<string, repo.BranchRow>, at: (i: number) => Date) {
    const made: repo.NominationRow[] = [];
    for (const [i, [branchCode, agencyCode, title_ar, title_en, nominee]] of demoNominations.entries()) {
      const agency = agencies.get(agencyCode);
      const branch = branches.get(branchCode);
      if (!agency || !branch) continue;
      const service = branch.requires_live_service ? await liveService(agency.id) : undefined;
      if (branch.requires_live_service && !service) continue;
      made.push(
        await award.createNomination(
          deps,
          ctx,
          cycle.id,
          agency.id,
          {
            branch_id: String(branch.id),
            title_ar,
            title_en,
            summary: `${title_ar}. ${title_en}: ${branch.description_en}`,
            nominee_name: nominee,
            service: service?.identifier,
          },
          at(i),
        ),
      );
    }
    counts.award_nominations += made.length;
    return made;
  }

  async function score(cycle: repo.CycleRow, label: string) {
    for (const judge of judges) {
      const jctx = judgeCtx(judge);
      for (const { nomination, review } of await judging.myAssignments(deps, jctx, cycle.id)) {
        if (review.status === 'submitted') continue;
        const branch = (await repo.findBranch(deps.db, nomination.branch_id)) as repo.BranchRow;
        const fields: Record<string, string> = {};
        for (const c of repo.criteriaOf(branch))
          fields[`score_${c.key}`] = String(1 + (hash(`${label}:${nomination.title_en}:${judge.id}:${c.key}`) % 5));
        fields.comment = 'تقييم تجريبي.';
        await judging.saveReview(deps, jctx, nomination.id, fields, true);
        counts.award_reviews++;
      }
    }
  }

  // --- The first edition: closed, judged, decided and published. ---
  if (!(await repo.findCycleByNumber(deps.db, 1))) {
    const open = hijriDayNumber(year - 1, 7, 1) as number;
    const { cycle, branches } = await edition(deps, ctx, 1, year - 1, open);
    counts.award_cycles++;
    const at = (i: number) => new Date(Date.parse(award.localInstant(local(open + 10 + i, '10:00'), tz)));
    const made = await nominate(cycle, branches, at);
    for (const [i, n] of made.entries()) await award.submitNomination(deps, ctx, n.id, at(i));
    for (const n of made) await award.screenNomination(deps, ctx, n.id, { decision: 'eligible' });
    for (const j of judges) await judging.addJudge(deps, ctx, cycle.id, { user_id: String(j.id) });
    if (judges.length > 0) {
      await judging.runAssignment(deps, ctx, cycle.id);
      await score(cycle, 'ed1');
    }
    for (const s of await judging.standings(deps.db, cycle.id)) {
      const fields: Record<string, string> = {};
      // The e-participation branch is "not awarded": no nomination reached the bar the panel set.
      if (s.branch.code !== 'participation')
        s.rows.slice(0, 2).forEach((r, i) => {
          const n = r.nomination;
          fields[`outcome_${n.id}`] = i === 0 ? 'winner' : 'honourable_mention';
          fields[`citation_ar_${n.id}`] = `تقديرًا لـ«${n.title_ar}»، وما حققه من أثر ملموس للمستفيدين.`;
          fields[`citation_en_${n.id}`] = `For "${n.title_en}" and the difference it made to the people it serves.`;
        });
      await decisions.proposeDecision(deps, ctx, s.branch.id, fields);
      await decisions.approveDecision(deps, ctx, s.branch.id);
    }
    await decisions.publishResults(deps, ctx, cycle.id, new Date(Math.min(Date.parse(cycle.results_at), now.getTime())));
  }

  // --- The second edition: open until the next 25 Dhu al-Hijjah. ---
  if (!(await repo.findCycleByNumber(deps.db, 2))) {
    const open = Math.min(hijriDayNumber(year, 7, 1) as number, today - 30);
    const { cycle, branches } = await edition(deps, ctx, 2, year, open);
    counts.award_cycles++;
    const made = await nominate(cycle, branches, () => now);
    // States by position: most submitted; some screened eligible or ineligible; a few drafts; one withdrawn.
    for (const [i, n] of made.entries()) {
      const state = i % 6;
      if (state === 5) continue; // draft
      if (state === 4) {
        await award.withdrawNomination(deps, ctx, n.id, now);
        continue;
      }
      await award.submitNomination(deps, ctx, n.id, now);
      if (state === 1 || state === 2) await award.screenNomination(deps, ctx, n.id, { decision: 'eligible' });
      if (state === 3)
        await award.screenNomination(deps, ctx, n.id, {
          decision: 'ineligible',
          reason: 'The nominated work went live after the eligibility period; it may be nominated again next edition.',
        });
    }
    const mc = agencies.get('mc');
    for (const [i, j] of judges.entries())
      await judging.addJudge(deps, ctx, cycle.id, {
        user_id: String(j.id),
        affiliation_agency_id: i === 0 && mc ? String(mc.id) : undefined,
      });
    const moh = agencies.get('moh');
    const nic = agencies.get('nic');
    if (judges[0] && moh)
      await judging.addConflict(deps, judgeCtx(judges[0]), cycle.id, {
        agency_id: String(moh.id),
        kind: 'collaboration',
        note: 'Advised the programme in 2024.',
      });
    if (judges[0] && nic)
      await judging.addConflict(deps, ctx, cycle.id, {
        judge_user_id: String(judges[0].id),
        agency_id: String(nic.id),
        kind: 'family',
        note: 'A close relative works there.',
      });
    if (judges.length > 0) await judging.runAssignment(deps, ctx, cycle.id);
  }
  return counts;
}
