import type { Actor, Ctx } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/authz/roles.ts';
import type { Deps } from '../../platform/deps.ts';
import { DAY_MS, localDate, zonedInstant } from '../../platform/i18n/dates.ts';
import { allAgencies, findUsers } from '../identity/public.ts';
import { cancel, enrolSelf, nominate } from './enrolment.service.ts';
import { sendEvaluations, submitEvaluation } from './evaluation.ts';
import { cancelGuestByOffice, requestGuestCode, verifyGuestCode } from './guests.service.ts';
import { markAttendance, openAttempt, recordCompletion, setTarget, startAttempt, submitAttempt } from './progress.service.ts';
import { demoProgrammes, demoQuestions } from './training.demo.data.ts';
import { loadTrainingYear } from './training.demo.year.ts';
import * as repo from './training.repo.ts';
import {
  addQuestion,
  addSession,
  addTrainer,
  createOffering,
  createProgramme,
  setOfferingStatus,
  setPrerequisites,
  setProgrammePublished,
  waivePrerequisites,
} from './training.service.ts';

// The demo's training: programmes for agency staff and for the public, offerings in every state
// (draft, open with a waitlist, closed while running, completed, cancelled), enrolments of the demo
// agencies' staff (requested, nominated, waitlisted, promoted), attendance, assessment attempts,
// completions from the criteria and one recorded by the office with its reason, and yearly targets.
// Everything goes through the module's services; dates are set from the day it runs.

const STAFF: { email: string; role: Role; agency: string }[] = [
  { email: 'moh.admin@yusr.demo', role: 'agency_admin', agency: 'moh' },
  { email: 'moh.editor@yusr.demo', role: 'agency_editor', agency: 'moh' },
  { email: 'mc.editor@yusr.demo', role: 'agency_editor', agency: 'mc' },
];

/** Members of the public who sign up for the demo's workshop: name, address, the language they use. */
const DEMO_PUBLIC: [string, string, 'ar' | 'en'][] = [
  ['نورة العتيبي', 'noura.public@yusr.demo', 'ar'],
  ['نورة ع.', 'noura.second@yusr.demo', 'ar'],
  ['Faisal Rahman', 'faisal.public@yusr.demo', 'en'],
  ['عبدالله الشهري', 'abdullah.public@yusr.demo', 'ar'],
];

/** Loads the training demo (its year at `yearScale`, 1 the whole); skips it when its first programme exists already. */
export async function loadTrainingDemo(deps: Deps, ctx: Ctx, yearScale = 1): Promise<Record<string, number>> {
  const counts: Record<string, number> = {
    training_programmes: 0,
    training_offerings: 0,
    training_enrolments: 0,
    training_completions: 0,
    training_public_signups: 0,
    training_certificates: 0,
  };
  if (await repo.findProgrammeByCode(deps.db, demoProgrammes[0].code)) return counts;
  const tz = deps.config.timeZone;
  const today = localDate(new Date(), tz);
  const dayPlus = (n: number) => localDate(Date.parse(`${today}T12:00:00Z`) + n * DAY_MS, tz);
  const at = (n: number, hour: number) => {
    const [y, m, d] = dayPlus(n).split('-').map(Number);
    return new Date(zonedInstant(tz, Date.UTC(y, m - 1, d) / DAY_MS, hour * 60)).toISOString();
  };

  const programmes = new Map<string, repo.ProgrammeRow>();
  for (const p of demoProgrammes) {
    const row = await createProgramme(deps, ctx, p);
    for (const q of demoQuestions[p.code] ?? []) await addQuestion(deps, ctx, row.id, q);
    await setProgrammePublished(deps, ctx, row.id, true);
    programmes.set(p.code, row);
    counts.training_programmes++;
  }

  /** An offering with sessions on the given days from today (09:00–12:00 local), taken to a status. */
  const offering = async (code: string, from: number, to: number, capacity: number, sessionDays: number[], status: 'draft' | 'open') => {
    const p = programmes.get(code) as repo.ProgrammeRow;
    const o = await createOffering(deps, ctx, p.id, {
      starts_on: dayPlus(from),
      ends_on: dayPlus(to),
      ...(p.delivery_mode !== 'online'
        ? { location_ar: 'الرياض، مركز التدريب الحكومي، القاعة ٣', location_en: 'Riyadh, Government Training Centre, Hall 3' }
        : {}),
      ...(p.delivery_mode !== 'in_person' ? { online_url: 'https://meet.training.example.gov.sa/yusr' } : {}),
      capacity: String(capacity),
    });
    for (const d of sessionDays) await addSession(deps, ctx, o.id, { starts_at: at(d, 9), ends_at: at(d, 12) });
    if (status === 'open') await setOfferingStatus(deps, ctx, o.id, { status: 'open' });
    counts.training_offerings++;
    return o;
  };

  const past = await offering('DS-101', -60, -45, 2, [-60, -55, -50, -45], 'open');
  const running = await offering('CHG-110', -10, 5, 10, [-10, -3, 5], 'open');
  const upcoming = await offering('DATA-201', 20, 30, 1, [20, 25, 30], 'open');
  await offering('DS-101', 60, 70, 25, [60, 65, 70], 'draft');
  const cancelled = await offering('DATA-201', 40, 45, 20, [40, 45], 'open');
  await offering('CYB-100', 14, 14, 200, [14], 'open');
  await offering('PUB-DS', 35, 35, 40, [35], 'open');
  await setOfferingStatus(deps, ctx, cancelled.id, { status: 'cancelled' });

  // People: the demo agencies' staff, when the identity demo is loaded.
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.code, a.id]));
  const people = new Map<string, { ctx: Ctx; id: number; agencyId: number }>();
  for (const s of STAFF) {
    const user = (await findUsers(deps.db, { q: s.email }, 1, 0))[0];
    const agencyId = agencies.get(s.agency);
    if (!user || !agencyId) continue;
    const actor: Actor = {
      kind: 'user',
      id: user.id,
      name: user.name,
      email: user.email,
      locale: user.locale,
      memberships: [{ role: s.role, agencyId }],
    };
    people.set(s.email, { id: user.id, agencyId, ctx: { actor, lang: user.locale, requestId: null, ip: null } });
  }
  const admin = people.get('moh.admin@yusr.demo');
  const editor = people.get('moh.editor@yusr.demo');
  const mc = people.get('mc.editor@yusr.demo');
  if (!admin || !editor || !mc) return counts;

  // The completed offering: the administrator nominates the editor and enrols herself; MC's editor
  // asks and is approved onto the waitlist (two seats), then promoted when the administrator withdraws.
  await nominate(deps, admin.ctx, past.id, admin.agencyId, { user_ids: [String(editor.id)] });
  const own = await enrolSelf(deps, admin.ctx, past.id, {});
  await enrolSelf(deps, mc.ctx, past.id, {});
  await nominate(deps, ctx, past.id, mc.agencyId, { user_ids: [String(mc.id)] });
  await cancel(deps, admin.ctx, own.id);
  const advisor = (await findUsers(deps.db, { q: 'advisor@yusr.demo' }, 1, 0))[0];
  if (advisor) await addTrainer(deps, ctx, past.id, { email: advisor.email });
  const enrolled = (await repo.listEnrolments(deps.db, past.id)).filter((e) => e.status === 'enrolled');
  const byUser = new Map(enrolled.map((e) => [e.user_id, e.id]));
  const sessions = await repo.listSessions(deps.db, past.id);
  for (const [i, s] of sessions.entries()) {
    // The editor attends every session; MC's editor misses two (50 %, below the 75 % asked for).
    const present = [byUser.get(editor.id), i < 2 ? byUser.get(mc.id) : undefined].filter((x): x is number => x !== undefined);
    await markAttendance(deps, ctx, s.id, { present: present.map(String) });
  }
  // The editor fails a first attempt and passes the second; MC's editor passes but lacks attendance.
  const answer = async (who: Ctx, enrolmentId: number, right: boolean) => {
    await startAttempt(deps, who, enrolmentId);
    const a = await openAttempt(deps, who, enrolmentId);
    const answers: Record<string, string> = {};
    for (const q of a.questions)
      answers[`q_${q.id}`] = String(right ? q.correct_index : (q.correct_index + 1) % (JSON.parse(q.options_json) as unknown[]).length);
    await submitAttempt(deps, who, enrolmentId, answers);
  };
  const editorEnrolment = byUser.get(editor.id);
  const mcEnrolment = byUser.get(mc.id);
  if (editorEnrolment) {
    await answer(editor.ctx, editorEnrolment, false);
    await answer(editor.ctx, editorEnrolment, true);
  }
  if (mcEnrolment) await answer(mc.ctx, mcEnrolment, true);
  await setOfferingStatus(deps, ctx, past.id, { status: 'completed' });

  // The running offering: nominated staff, closed to new enrolments, the first sessions marked; the
  // office records MC's editor's completion by hand (an equivalent course), with the reason.
  await nominate(deps, admin.ctx, running.id, admin.agencyId, { user_ids: [String(editor.id), String(admin.id)] });
  await nominate(deps, ctx, running.id, mc.agencyId, { user_ids: [String(mc.id)] });
  await setOfferingStatus(deps, ctx, running.id, { status: 'closed' });
  const runningEnrolments = await repo.listEnrolments(deps.db, running.id);
  for (const s of (await repo.listSessions(deps.db, running.id)).filter((x) => x.starts_at < new Date().toISOString()))
    await markAttendance(deps, ctx, s.id, { present: runningEnrolments.filter((e) => e.user_id !== admin.id).map((e) => String(e.id)) });
  const mcRunning = runningEnrolments.find((e) => e.user_id === mc.id);
  if (mcRunning)
    await recordCompletion(deps, ctx, mcRunning.id, {
      reason: 'Completed the equivalent change-management course at the Institute of Public Administration (certificate 1447/552).',
    });

  // The upcoming offering has one seat: the editor takes it, the administrator is waitlisted, MC's editor asks.
  await nominate(deps, admin.ctx, upcoming.id, admin.agencyId, { user_ids: [String(editor.id), String(admin.id)] });
  await enrolSelf(deps, mc.ctx, upcoming.id, {});

  // Prerequisites: the advanced data course requires the digital-services foundation (set once the
  // enrolments above are in); the office waives it for MC's editor with its reason.
  const foundation = programmes.get('DS-101') as repo.ProgrammeRow;
  const advanced = programmes.get('DATA-201') as repo.ProgrammeRow;
  await setPrerequisites(deps, ctx, advanced.id, { required_ids: [String(foundation.id)] });
  await waivePrerequisites(deps, ctx, advanced.id, {
    email: 'mc.editor@yusr.demo',
    reason: 'Holds the national data-literacy certificate (1446), equivalent to the foundation course.',
  });

  // The public: a workshop that ran three weeks ago. Four people sign up with the code emailed to
  // them (read from the outbox, as they would read it), the fourth on the waitlist; the office
  // cancels a duplicate registration with its reason and the waitlist moves up; the trainer marks
  // who came, then corrects one mark (that certificate is revoked); those who completed are
  // certified, asked to evaluate, and answer.
  const workshop = await offering('PUB-DS', -21, -21, 3, [-21], 'open');
  if (advisor) await addTrainer(deps, ctx, workshop.id, { email: advisor.email });
  const guests: number[] = [];
  for (const [name, email, lang] of DEMO_PUBLIC) {
    const asked = { ...ctx, lang };
    const pending = await requestGuestCode(deps, asked, workshop.id, { name, email });
    const mail = await deps.db
      .selectFrom('messages')
      .select('text_body')
      .where('to_address', '=', email)
      .where('message_key', 'like', 'training:guest:%:code:%')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const code = /\b(\d{6})\b/.exec(mail?.text_body ?? '')?.[1];
    if (!code) continue;
    guests.push((await verifyGuestCode(deps, asked, pending, { code })).guest.id);
    counts.training_public_signups++;
  }
  if (guests.length === DEMO_PUBLIC.length) {
    await cancelGuestByOffice(deps, ctx, guests[1], {
      reason: 'Duplicate registration: the same person signed up twice with two addresses.',
    });
    const [workshopSession] = await repo.listSessions(deps.db, workshop.id);
    const came = [guests[0], guests[2], guests[3]].map(String);
    await markAttendance(deps, ctx, workshopSession.id, { present_guests: came });
    await markAttendance(deps, ctx, workshopSession.id, { present_guests: came.slice(0, 2) });
    await setOfferingStatus(deps, ctx, workshop.id, { status: 'completed' });
    await sendEvaluations(deps);
    const invitations = await deps.db
      .selectFrom('messages')
      .select('text_body')
      .where('message_key', 'like', 'training:evaluation:guest:%')
      .orderBy('id')
      .execute();
    for (const [i, m] of invitations.entries()) {
      const token = /\/training\/evaluation\?token=([A-Za-z0-9_.-]+)/.exec(m.text_body ?? '')?.[1];
      if (token)
        await submitEvaluation(deps, ctx, token, {
          relevance: '5',
          quality: String(4 + (i % 2)),
          recommend: '5',
          ...(i === 0 ? { comment: 'شرح واضح وصبور، وخرجت وأنا أعرف كيف أتابع طلبي.' } : {}),
        });
    }
  }
  counts.training_certificates = (
    await deps.db.selectFrom('credentials').select('id').where('source', '=', 'training').where('revoked_at', 'is', null).execute()
  ).length;

  const year = Number(today.slice(0, 4));
  await setTarget(deps, ctx, { agency_id: String(admin.agencyId), year: String(year), target_pct: '40' });
  await setTarget(deps, ctx, { agency_id: String(mc.agencyId), year: String(year), target_pct: '25' });
  const records = await repo.learningRecord(deps.db, { agencyIds: [admin.agencyId, mc.agencyId] });
  counts.training_enrolments = records.length;
  counts.training_completions = records.filter((r) => r.completed_at).length;
  // Then the year around it: some 2,000 enrolments across every demo agency (training.demo.year.ts).
  return { ...counts, ...(await loadTrainingYear(deps, ctx, yearScale)) };
}
