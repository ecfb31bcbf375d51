import type { Actor, Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { DAY_MS, localDate, zonedInstant } from '../../platform/i18n/dates.ts';
import { allAgencies, type DemoStaffMember, loadDemoStaff, type User } from '../identity/public.ts';
import { decideAssignment, submitStaffAssignment } from './assignments.service.ts';
import { approve, cancel, enrolSelf, nominate, reject } from './enrolment.service.ts';
import { requestGuestCode, verifyGuestCode } from './guests.service.ts';
import { markAttendance, openAttempt, setTarget, startAttempt, submitAttempt } from './progress.service.ts';
import { attendByCode, issueSessionCode } from './session-codes.service.ts';
import { familyNames, givenNames, yearProgrammes, yearQuestions } from './training.demo.year.data.ts';
import * as repo from './training.repo.ts';
import { addQuestion, addSession, createOffering, createProgramme, setOfferingStatus, setProgrammePublished } from './training.service.ts';
import { tracks } from './training.tables.ts';

// The demo's year of training, on top of the hand-written story in training.demo.ts: programmes for
// staff and the public, offerings spread over the year before and after the day it runs in every
// state, some 2,000 enrolments of staff of every demo agency (requests approved and rejected,
// nominations, waitlists and promotions, cancellations), attendance marked by trainers and through
// session codes, assessment attempts passed and failed, assignments accepted and returned,
// completions from the criteria with their certificates, members of the public signed up through the
// emailed code, and each agency's targets by track. Everything goes through the module's services and
// rules, offering by offering, each step in its own transaction, and each dated when it would have
// happened (the services take the moment): requests and nominations in the weeks before an offering
// starts, attendance when each session ends, attempts and assignments in the days after the last
// session, so completions and their certificates fall when the last criterion was met — never later
// than the moment it loads. Staff are single sign-on accounts (no password to hash). Draws are from a
// seeded generator, so every run makes the same year.

/** A small seeded generator (mulberry32): the same demo every time. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Person {
  user: User;
  agencyId: number;
  ctx: Ctx;
}

const ctxOf = (user: User, role: 'agency_admin' | 'agency_editor', agencyId: number): Ctx => {
  const actor: Actor = {
    kind: 'user',
    id: user.id,
    name: user.name,
    email: user.email,
    locale: user.locale,
    memberships: [{ role, agencyId }],
  };
  return { actor, lang: user.locale, requestId: null, ip: null };
};

const LOCATION = {
  location_ar: 'الرياض، معهد الإدارة العامة، قاعة التدريب ٢',
  location_en: 'Riyadh, Institute of Public Administration, Training Room 2',
};
const ONLINE = { online_url: 'https://meet.training.example.gov.sa/yusr-year' };

export interface YearCounts {
  training_year_staff: number;
  training_year_programmes: number;
  training_year_offerings: number;
  training_year_enrolments: number;
  training_year_public_signups: number;
  training_year_completions: number;
}

/** Loads the year (the caller checks it is not loaded yet). `scale` shrinks it for quick checks (1: the demo). */
export async function loadTrainingYear(deps: Deps, ctx: Ctx, scale = 1): Promise<YearCounts> {
  const rnd = seeded(1447);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const shuffled = <T>(xs: readonly T[]) => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const counts: YearCounts = {
    training_year_staff: 0,
    training_year_programmes: 0,
    training_year_offerings: 0,
    training_year_enrolments: 0,
    training_year_public_signups: 0,
    training_year_completions: 0,
  };

  const tz = deps.config.timeZone;
  const today = localDate(new Date(), tz);
  const dayPlus = (d: number) => localDate(Date.parse(`${today}T12:00:00Z`) + d * DAY_MS, tz);
  const at = (d: number, hour: number) => {
    const [y, m, dd] = dayPlus(d).split('-').map(Number);
    return new Date(zonedInstant(tz, Date.UTC(y, m - 1, dd) / DAY_MS, Math.round(hour * 60))).toISOString();
  };
  /** The moment of day `d` (from today) at `hour` local time, never later than now: what the services are told. */
  const loadedAt = Date.now() - 60_000;
  const when = (d: number, hour: number) => new Date(Math.min(Date.parse(at(d, hour)), loadedAt));
  const later = (t: Date, minutes: number) => new Date(Math.min(t.getTime() + minutes * 60_000, loadedAt));

  // Staff of every demo agency: an administrator (who approves and nominates) and their colleagues.
  const agencies = (await allAgencies(deps)).filter((a) => a.status === 'active').sort((a, b) => a.id - b.id);
  if (!agencies.length) return counts;
  const wanted: (DemoStaffMember & { i: number })[] = [];
  let serial = 0;
  for (const a of agencies) {
    const size = n(10 + Math.floor(rnd() * 22));
    for (let i = 0; i < size; i++) {
      const [gAr, gEn] = pick(givenNames);
      const [fAr, fEn] = pick(familyNames);
      serial++;
      wanted.push({
        i,
        email: `staff${String(serial).padStart(4, '0')}.${a.code}@yusr.demo`,
        name: chance(0.85) ? `${gAr} ${fAr}` : `${gEn} ${fEn}`,
        locale: chance(0.85) ? 'ar' : 'en',
        role: i === 0 ? 'agency_admin' : 'agency_editor',
        agencyId: a.id,
      });
    }
  }
  const users = await loadDemoStaff(deps, ctx, wanted);
  counts.training_year_staff = users.length;
  const admins = new Map<number, Ctx>();
  const staff: Person[] = [];
  for (const [k, w] of wanted.entries()) {
    const c = ctxOf(users[k], w.role, w.agencyId);
    if (w.role === 'agency_admin') admins.set(w.agencyId, c);
    else staff.push({ user: users[k], agencyId: w.agencyId, ctx: c });
  }

  // The programmes, their question banks, published.
  const programmes = new Map<string, repo.ProgrammeRow>();
  for (const def of yearProgrammes) {
    const row = await createProgramme(deps, ctx, def);
    for (const q of yearQuestions[def.code] ?? []) await addQuestion(deps, ctx, row.id, q);
    await setProgrammePublished(deps, ctx, row.id, true);
    programmes.set(def.code, row);
    counts.training_year_programmes++;
  }
  const staffCodes = yearProgrammes.filter((p) => p.audience === 'employees').map((p) => p.code);
  const publicCodes = yearProgrammes.filter((p) => p.audience === 'public').map((p) => p.code);

  /** An offering with sessions on the given days (09:00–12:00), left as a draft. */
  const offering = async (code: string, days: number[], capacity: number) => {
    const p = programmes.get(code) as repo.ProgrammeRow;
    const o = await createOffering(deps, ctx, p.id, {
      starts_on: dayPlus(days[0]),
      ends_on: dayPlus(days[days.length - 1]),
      ...(p.delivery_mode !== 'online' ? LOCATION : {}),
      ...(p.delivery_mode !== 'in_person' ? ONLINE : {}),
      capacity: String(capacity),
    });
    for (const d of days) await addSession(deps, ctx, o.id, { starts_at: at(d, 9), ends_at: at(d, 12) });
    counts.training_year_offerings++;
    return { o, p };
  };
  const open = (id: number) => setOfferingStatus(deps, ctx, id, { status: 'open' });

  /**
   * Staff sign up for an open offering between days `from` and `to`: some ask (one after another over
   * the window) and their administrator approves the next day (or, now and then, turns them down),
   * the rest are nominated by their administrator in one list per agency on day `to`.
   * `leaveRequested` of the requests are left waiting for a decision.
   */
  const signUp = async (offeringId: number, people: Person[], from: number, to: number, leaveRequested = 0) => {
    const byAgency = new Map<number, Person[]>();
    let left = leaveRequested;
    const span = Math.max(1, to - 1 - from);
    for (const [i, person] of people.entries()) {
      if (chance(0.3)) {
        const asked = when(from + Math.floor((i * span) / people.length), 8 + (i % 9) + 0.25);
        const row = await enrolSelf(deps, person.ctx, offeringId, {}, asked);
        counts.training_year_enrolments++;
        const admin = admins.get(person.agencyId) as Ctx;
        const decided = later(asked, 24 * 60 + 45);
        if (left > 0) left--;
        else if (chance(0.06)) await reject(deps, admin, row.id, decided);
        else await approve(deps, admin, row.id, decided);
      } else byAgency.set(person.agencyId, [...(byAgency.get(person.agencyId) ?? []), person]);
    }
    for (const [k, [agencyId, list]] of [...byAgency.entries()].sort((a, b) => a[0] - b[0]).entries()) {
      const ids = { user_ids: list.map((x) => String(x.user.id)) };
      await nominate(deps, admins.get(agencyId) as Ctx, offeringId, agencyId, ids, when(to, 10 + k / 12));
      counts.training_year_enrolments += list.length;
    }
  };
  /** A few of those holding a seat withdraw on day `day` (a seat freed goes to the first on the waitlist). */
  const withdraw = async (offeringId: number, people: Person[], howMany: number, day: number) => {
    const byUser = new Map(people.map((x) => [x.user.id, x]));
    const enrolled = (await repo.listEnrolments(deps.db, offeringId)).filter((e) => e.status === 'enrolled' && byUser.has(e.user_id));
    for (const [k, e] of enrolled.slice(0, howMany).entries())
      await cancel(deps, (byUser.get(e.user_id) as Person).ctx, e.id, when(day, 13 + k));
  };
  const enrolledOf = async (offeringId: number) => (await repo.listEnrolments(deps.db, offeringId)).filter((e) => e.status === 'enrolled');
  const personOf = new Map(staff.map((x) => [x.user.id, x]));

  /** A person answers an attempt at `start` (submitted 20 minutes later): all right, or one answer wrong on each question. */
  const answer = async (who: Ctx, enrolmentId: number, right: boolean, start: Date) => {
    await startAttempt(deps, who, enrolmentId, start);
    const a = await openAttempt(deps, who, enrolmentId);
    const answers: Record<string, string> = {};
    for (const q of a.questions)
      answers[`q_${q.id}`] = String(right ? q.correct_index : (q.correct_index + 1) % (JSON.parse(q.options_json) as unknown[]).length);
    await submitAttempt(deps, who, enrolmentId, answers, later(start, 20));
  };
  /**
   * Everyone enrolled takes the assessment on one of the `days` days from day `from`: most pass at
   * once, some fail first (and pass the next day), a few fail.
   */
  const assess = async (enrolments: repo.EnrolmentRow[], p: repo.ProgrammeRow, from: number, days: number, share = 1) => {
    if (p.pass_mark_pct === null) return;
    for (const [i, e] of enrolments.entries()) {
      if (!chance(share)) continue;
      const who = (personOf.get(e.user_id) as Person).ctx;
      const start = when(from + (i % days), 9 + (i % 10) + 0.5);
      const r = rnd();
      if (r < 0.12) await answer(who, e.id, false, start);
      else if (r < 0.27) {
        await answer(who, e.id, false, start);
        await answer(who, e.id, true, later(start, 24 * 60));
      } else await answer(who, e.id, true, start);
    }
  };
  const BRIEFS = [
    'أرفقت الخريطة مع وصف مختصر لكل مرحلة ونقاط الألم التي لاحظناها في مركز الخدمة، ومقترحات التحسين مرتبة حسب الأثر.',
    'Attached is my write-up: the current steps, the three problems users reported most, and what we propose to change first.',
    'اعتمدت على بيانات الطلبات للأشهر الستة الماضية ومقابلات مع خمسة مستفيدين، وأوضحت في الخاتمة ما سنقيسه بعد التطبيق.',
  ];
  /**
   * Submissions on one of the `days` days from day `from`, each decided the next day: most accepted,
   * some returned with a comment (and most of those sent again the day after and accepted the next).
   */
  const assignments = async (
    enrolments: repo.EnrolmentRow[],
    p: repo.ProgrammeRow,
    from: number,
    days: number,
    share = 1,
    decide = true,
  ) => {
    if (p.assignment_ar === null) return;
    const DAY = 24 * 60;
    for (const [i, e] of enrolments.entries()) {
      if (!chance(share)) continue;
      const who = (personOf.get(e.user_id) as Person).ctx;
      const sent = when(from + (i % days), 10 + (i % 9) + 0.75);
      const first = await submitStaffAssignment(deps, who, e.id, { text: pick(BRIEFS) }, undefined, sent);
      if (!decide) continue;
      if (chance(0.82)) {
        await decideAssignment(deps, ctx, first.id, { decision: 'accept' }, later(sent, DAY));
        continue;
      }
      const comment = 'العمل جيد، لكن ينقصه ترتيب التحسينات حسب أثرها على المستفيد. أعد الإرسال بعد إضافته.';
      await decideAssignment(deps, ctx, first.id, { decision: 'return', comment }, later(sent, DAY));
      if (chance(0.6)) {
        const text = `${pick(BRIEFS)} أضفت ترتيب التحسينات حسب الأثر كما طُلب.`;
        await submitStaffAssignment(deps, who, e.id, { text }, undefined, later(sent, 2 * DAY));
        await decideAssignment(deps, ctx, first.id, { decision: 'accept' }, later(sent, 3 * DAY));
      }
    }
  };
  /** A trainer marks a session a quarter of an hour after it ends: most are there, the few who drift away miss it. */
  const mark = async (s: repo.SessionRow, enrolments: repo.EnrolmentRow[], absent: Set<number>) => {
    const present = enrolments.filter((e) => !absent.has(e.id)).map((e) => String(e.id));
    await markAttendance(deps, ctx, s.id, { present }, later(new Date(s.ends_at), 15));
  };
  /** Who will miss a session: about one in ten, a few of them more than once. */
  const absences = (enrolments: repo.EnrolmentRow[], sessions: number) =>
    Array.from({ length: sessions }, () => new Set(enrolments.filter(() => chance(0.07)).map((e) => e.id)));

  // People are drawn from the whole staff, spread across agencies; each programme's offerings take different people.
  const pool = () => shuffled(staff);

  // Completed: one offering of each staff programme over the past ten months, three weekly sessions.
  const pastCodes = [...staffCodes, 'DS-150', 'CYB-200'];
  for (const [k, code] of pastCodes.entries()) {
    const start = -300 + Math.round((k * 270) / pastCodes.length);
    const last = start + 14;
    const { o, p } = await offering(code, [start, start + 7, last], n(19));
    await open(o.id);
    const people = pool().slice(0, n(19) + 3);
    await signUp(o.id, people, start - 24, start - 6);
    await withdraw(o.id, people, 2, start - 3);
    await setOfferingStatus(deps, ctx, o.id, { status: 'closed' });
    const enrolled = await enrolledOf(o.id);
    // In the order it happened: the sessions, then the assessment and the assignment in the days after the last.
    const sessions = await repo.listSessions(deps.db, o.id);
    const away = absences(enrolled, sessions.length);
    for (const [i, s] of sessions.entries()) await mark(s, enrolled, away[i]);
    await assess(enrolled, p, last + 1, 3);
    await assignments(enrolled, p, last + 2, 3);
    await setOfferingStatus(deps, ctx, o.id, { status: 'completed' });
  }

  // Running (closed to new enrolments): two sessions behind, two ahead. Two offerings took the
  // second session's attendance by the code the trainer showed; assessments and assignments under way.
  const runningCodes = ['DS-150', 'DS-210', 'CYB-220', 'CHG-120'];
  for (const [k, code] of runningCodes.entries()) {
    const { o, p } = await offering(code, [-12 + k, -5 + k, 3 + k, 10 + k], n(40));
    await open(o.id);
    const people = pool().slice(0, n(36));
    await signUp(o.id, people, -36 + k, -16 + k);
    await setOfferingStatus(deps, ctx, o.id, { status: 'closed' });
    const enrolled = await enrolledOf(o.id);
    const sessions = (await repo.listSessions(deps.db, o.id)).filter((s) => s.starts_at < new Date().toISOString());
    const away = absences(enrolled, sessions.length);
    await mark(sessions[0], enrolled, away[0]);
    if (k < 2) {
      // The trainer shows the code at the start of the session; those in the room type it in.
      const when = new Date(new Date(sessions[1].starts_at).getTime() + 10 * 60_000);
      const withCode = await issueSessionCode(deps, ctx, sessions[1].id, new Date(sessions[1].starts_at));
      for (const e of enrolled)
        if (!away[1].has(e.id)) await attendByCode(deps, (personOf.get(e.user_id) as Person).ctx, e.id, { code: withCode.code }, when);
    } else await mark(sessions[1], enrolled, away[1]);
    // Since the second session: some attempts and assignments (decided the next day), none after today.
    await assess(enrolled, p, -4 + k, 4 - k, 0.5);
    await assignments(enrolled, p, -4 + k, 1, 0.6, k === 1);
  }

  // Open: upcoming over the next three months. Online ones are large; rooms fill up and keep a
  // waitlist; some requests wait for the administrator; a few who held a seat withdrew.
  const upcoming = shuffled(staffCodes).concat(shuffled(staffCodes).slice(0, 8));
  for (const [k, code] of upcoming.entries()) {
    const start = 8 + Math.round((k * 80) / upcoming.length);
    const p = programmes.get(code) as repo.ProgrammeRow;
    const online = p.delivery_mode === 'online';
    const capacity = online ? n(150) : n(32);
    const { o } = await offering(code, [start, start + 7], capacity);
    await open(o.id);
    const people = pool().slice(0, online ? n(125) : n(44));
    await signUp(o.id, people, -30 + (k % 10), -3, 4);
    await withdraw(o.id, people, 1, -1);
  }

  // Cancelled: two offerings that did not go ahead (the trainer fell ill; too few sign-ups), after some had enrolled.
  for (const [code, start] of [
    ['CYB-240', -40],
    ['DATA-220', 25],
  ] as const) {
    const { o } = await offering(code, [start, start + 2], n(25));
    await open(o.id);
    await signUp(o.id, pool().slice(0, n(12)), Math.min(start, 0) - 30, Math.min(start, 0) - 12);
    await setOfferingStatus(deps, ctx, o.id, { status: 'cancelled' });
  }

  // Drafts: next year's first offerings, still being planned.
  for (const [k, code] of ['SD-230', 'CHG-210', 'DATA-130', 'PUB-130'].entries()) await offering(code, [100 + k * 14, 107 + k * 14], n(30));

  // The public: workshops that ran (attendance marked, those who came are certified) and ones to come.
  const guestSerial = { n: 0 };
  /** Members of the public sign up one after another between days `from` and `to`, confirming by the emailed code. */
  const signUpGuests = async (offeringId: number, howMany: number, from: number, to: number) => {
    const ids: number[] = [];
    for (let i = 0; i < howMany; i++) {
      const asked = when(from + Math.floor((i * (to - from)) / howMany), 9 + (i % 12) + 0.1);
      const [gAr, gEn] = pick(givenNames);
      const [fAr, fEn] = pick(familyNames);
      const lang = chance(0.8) ? ('ar' as const) : ('en' as const);
      const email = `${gEn}.${fEn}.${++guestSerial.n}@public.yusr.demo`.toLowerCase();
      const as = { ...ctx, lang };
      const pending = await requestGuestCode(
        deps,
        as,
        offeringId,
        { name: lang === 'ar' ? `${gAr} ${fAr}` : `${gEn} ${fEn}`, email },
        asked,
      );
      const mail = await deps.db
        .selectFrom('messages')
        .select('text_body')
        .where('to_address', '=', email)
        .where('message_key', 'like', 'training:guest:%:code:%')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      const code = /\b(\d{6})\b/.exec(mail?.text_body ?? '')?.[1];
      if (!code) continue;
      ids.push((await verifyGuestCode(deps, as, pending, { code }, later(asked, 4))).guest.id);
      counts.training_year_public_signups++;
    }
    return ids;
  };
  for (const [k, code] of publicCodes.slice(0, 3).entries()) {
    const day = -200 + k * 45;
    const { o } = await offering(code, [day], n(15));
    await open(o.id);
    const guests = await signUpGuests(o.id, n(12), day - 20, day - 2);
    await setOfferingStatus(deps, ctx, o.id, { status: 'closed' });
    const [s] = await repo.listSessions(deps.db, o.id);
    const came = guests.filter(() => chance(0.8)).map(String);
    await markAttendance(deps, ctx, s.id, { present_guests: came }, later(new Date(s.ends_at), 15));
    await setOfferingStatus(deps, ctx, o.id, { status: 'completed' });
  }
  for (const [k, code] of publicCodes.entries()) {
    const { o } = await offering(code, [12 + k * 9], n(k % 2 ? 30 : 60));
    await open(o.id);
    await signUpGuests(o.id, n(k % 2 ? 34 : 25), -45 + k, -2);
  }

  // Targets for the year: each agency's share of staff trained, hours per employee, and a share per track.
  const year = Number(today.slice(0, 4));
  for (const a of agencies) {
    if (!admins.has(a.id)) continue;
    const base = 25 + Math.floor(rnd() * 5) * 5;
    await setTarget(deps, ctx, {
      agency_id: String(a.id),
      year: String(year),
      target_pct: String(base),
      hours_per_employee: String(4 + Math.floor(rnd() * 5) * 2),
      ...Object.fromEntries(tracks.map((t) => [`track_${t}`, String(t === 'cybersecurity' ? 60 : 5 + Math.floor(rnd() * 4) * 5)])),
    });
  }

  const done = await deps.db
    .selectFrom('training_enrolments')
    .select('id')
    .where('completed_at', 'is not', null)
    .where(
      'offering_id',
      'in',
      deps.db
        .selectFrom('training_offerings')
        .select('id')
        .where(
          'programme_id',
          'in',
          [...programmes.values()].map((x) => x.id),
        ),
    )
    .execute();
  counts.training_year_completions = done.length;
  return counts;
}
