import {
  addBranch,
  addConflict,
  addJudge,
  approveDecision,
  createCycle,
  createEntrantNomination,
  createNomination,
  postToDiscussion,
  proposeDecision,
  publishResults,
  requestEntrantCode,
  runAssignment,
  saveQuestions,
  saveReview,
  screenNomination,
  submitNomination,
  verifyEntrantCode,
} from '../../../src/modules/award/testing.ts';
import { insertMembership } from '../../../src/modules/identity/testing.ts';
import { type Ctx, systemCtx } from '../../../src/platform/auth/actor.ts';
import { buildService } from '../../helpers/catalog.ts';
import { buildAgency, buildUser } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

const riyadh = (d: Date) => new Date(d.getTime() + 3 * 3_600_000).toISOString().slice(0, 19);
const days = (n: number) => new Date(Date.now() + n * 86_400_000);

/**
 * Award pages: a published edition with a winner, and an open one with a submitted, screened,
 * assigned and scored nomination, a judge with a conflict. The administrator browsing is also a
 * judge and an agency administrator here, so the judge's and the nominator's pages open for them.
 */
const samples: SampleBuilder = async ({ deps, adminEmail }) => {
  const office = systemCtx('a11y');
  const agency = await buildAgency(deps, { code: 'a11y-award', name_ar: 'هيئة الحكومة الرقمية', name_en: 'Digital Government Authority' });
  const other = await buildAgency(deps, { code: 'a11y-award-2', name_ar: 'وزارة التجارة', name_en: 'Ministry of Commerce' });
  const service = await buildService(deps, agency.id, { identifier: 'a11y-award-service' });
  const admin = await deps.db.selectFrom('users').select(['id', 'name', 'email']).where('email', '=', adminEmail).executeTakeFirstOrThrow();
  await insertMembership(deps.db, admin.id, 'judge', null);
  await insertMembership(deps.db, admin.id, 'agency_admin', other.id);
  const judge = await buildUser(deps, { email: 'a11y-judge@program.sa', role: 'judge', name: 'عبدالله الغامدي' });
  const judgeCtx: Ctx = {
    actor: {
      kind: 'user',
      id: judge.id,
      name: judge.name,
      email: judge.email,
      locale: 'ar',
      memberships: [{ role: 'judge', agencyId: null }],
    },
    lang: 'ar',
    requestId: null,
    ip: null,
  };
  const edition = async (number: number, open: Date, close: Date) => {
    const cycle = await createCycle(deps, office, {
      number: String(number),
      name_ar: `جائزة الإنجاز — الدورة ${number}`,
      name_en: `Achievement award — edition ${number}`,
      rules_ar: 'تُقبل الترشيحات من الجهات الحكومية.',
      rules_en: 'Government agencies may nominate.',
      announced_on: riyadh(days(-400)).slice(0, 10),
      nominations_open_at: riyadh(open),
      nominations_close_at: riyadh(close),
      screening_ends_on: riyadh(new Date(close.getTime() + 10 * 86_400_000)).slice(0, 10),
      judging_ends_on: riyadh(new Date(close.getTime() + 20 * 86_400_000)).slice(0, 10),
      results_on: riyadh(new Date(close.getTime() + 30 * 86_400_000)).slice(0, 10),
      judges_per_nomination: '1',
    });
    const branch = await addBranch(deps, office, cycle.id, {
      code: 'e-service',
      name_ar: 'أفضل خدمة إلكترونية',
      name_en: 'Best e-service',
      description_ar: 'خدمة إلكترونية مكتملة.',
      description_en: 'A complete e-service.',
      nominee_kind: 'agency',
      requires_live_service: 'on',
      normalise: 'on',
      scale_max: '5',
      c1_name_ar: 'الأثر',
      c1_name_en: 'Impact',
      c1_weight: '3',
      c2_name_ar: 'الابتكار',
      c2_name_en: 'Innovation',
      c2_weight: '1',
    });
    const at = new Date(open.getTime() + 86_400_000);
    const n = await createNomination(
      deps,
      office,
      cycle.id,
      agency.id,
      {
        branch_id: String(branch.id),
        title_ar: 'خدمة التصاريح',
        title_en: 'Permits service',
        summary: 'تصاريح خلال دقائق.',
        service: service.identifier,
      },
      at,
    );
    await submitNomination(deps, office, n.id, at);
    await screenNomination(deps, office, n.id, { decision: 'eligible' });
    await addJudge(deps, office, cycle.id, { user_id: String(judge.id) });
    await addJudge(deps, office, cycle.id, { user_id: String(admin.id) });
    await addConflict(deps, judgeCtx, cycle.id, { agency_id: String(other.id), kind: 'collaboration' });
    await runAssignment(deps, office, cycle.id);
    return { cycle, branch, n };
  };

  const past = await edition(1, days(-300), days(-200));
  const ctxFor = async (n: { id: number }) => {
    const r = await deps.db.selectFrom('award_reviews').select('judge_user_id').where('nomination_id', '=', n.id).executeTakeFirstOrThrow();
    return r.judge_user_id === judge.id
      ? judgeCtx
      : { ...judgeCtx, actor: { ...judgeCtx.actor, id: admin.id, name: admin.name, email: admin.email } as Ctx['actor'] };
  };
  await saveReview(deps, await ctxFor(past.n), past.n.id, { score_c1: '5', score_c2: '4', comment_c1: 'أثر واضح' }, true);
  await proposeDecision(deps, office, past.branch.id, {
    [`outcome_${past.n.id}`]: 'winner',
    [`citation_ar_${past.n.id}`]: 'تقديرًا لخدمة التصاريح',
    [`citation_en_${past.n.id}`]: 'For the permits service',
  });
  await approveDecision(deps, office, past.branch.id);
  await publishResults(deps, office, past.cycle.id);

  const open = await edition(2, days(-10), days(30));
  const officeUser: Ctx = {
    ...judgeCtx,
    actor: {
      kind: 'user',
      id: admin.id,
      name: admin.name,
      email: admin.email,
      locale: 'ar',
      memberships: [{ role: 'program_admin', agencyId: null }],
    },
  };
  // An individual's nomination for an idea branch of the open edition, through a proven email.
  const idea = await addBranch(deps, office, open.cycle.id, {
    code: 'idea',
    name_ar: 'أفضل فكرة فردية',
    name_en: 'Best individual idea',
    description_ar: 'فكرة مبتكرة من فرد.',
    description_en: 'An inventive idea by one person.',
    nominee_kind: 'individual',
    scale_max: '5',
    c1_name_ar: 'الأثر',
    c1_name_en: 'Impact',
    c1_weight: '1',
  });
  // The branch's questions: the entrant's draft answers the first, the second is left for later.
  await saveQuestions(deps, officeUser, idea.id, {
    q1_prompt_ar: 'ما المشكلة التي تحلها الفكرة؟',
    q1_prompt_en: 'What problem does the idea solve?',
    q1_help_ar: 'صف المستفيدين.',
    q1_help_en: 'Describe who benefits.',
    q1_word_limit: '200',
    q1_required: 'on',
    q2_prompt_ar: 'كيف تُقاس؟',
    q2_prompt_en: 'How would it be measured?',
    q2_word_limit: '100',
  });
  const pending = await requestEntrantCode(deps, office, 2, { name: 'سارة العتيبي', email: 'a11y-entrant@example.sa' });
  const mail = await deps.db
    .selectFrom('messages')
    .select('text_body')
    .where('to_address', '=', 'a11y-entrant@example.sa')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const token = await verifyEntrantCode(deps, office, pending, { code: /(\d{6})/.exec(mail.text_body ?? '')?.[1] ?? '' });
  const entry = await createEntrantNomination(deps, office, token, {
    branch_id: String(idea.id),
    title_ar: 'مساعد المواعيد الذكي',
    title_en: 'Smart appointment helper',
    summary: 'فكرة لتقليل الانتظار.',
    nominee_name: 'سارة العتيبي',
    answer_q1: 'طول الانتظار في مراكز الخدمة.',
  });
  await postToDiscussion(deps, officeUser, open.n.id, { body: 'نرجو مراجعة أدلة الأثر قبل التقييم.\nAnd the English summary, please.' });
  return {
    '/console/award': '/console/award',
    '/console/award/new': '/console/award/new',
    '/console/award/:id': `/console/award/${open.cycle.id}`,
    '/console/award/:id/nominations': `/console/award/${open.cycle.id}/nominations`,
    '/console/award/:id/nominations/new': `/console/award/${open.cycle.id}/nominations/new`,
    '/console/award/nominations/:id': `/console/award/nominations/${open.n.id}`,
    '/console/award/:id/edit': `/console/award/${open.cycle.id}/edit`,
    '/console/award/branches/:id/edit': `/console/award/branches/${open.branch.id}/edit`,
    '/console/award/:id/panel': `/console/award/${open.cycle.id}/panel`,
    '/console/award/:id/judging': `/console/award/${open.cycle.id}/judging`,
    '/console/award/:id/results': `/console/award/${past.cycle.id}/results`,
    '/award': '/award',
    '/award/:number': '/award/1',
    '/award/:number/nominate': '/award/2/nominate',
    '/award/entrant': `/award/entrant?token=${encodeURIComponent(token)}`,
    '/award/entrant/nominations/:id': `/award/entrant/nominations/${entry.id}?token=${encodeURIComponent(token)}`,
  };
};
export default samples;
