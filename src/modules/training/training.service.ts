import type { MessageKey } from '../../messages.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorAgencyIds, actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { localDate } from '../../platform/i18n/dates.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { type SearchDoc, SearchIndex } from '../../platform/search/index.ts';
import { allAgencies, findUser, findUsers } from '../identity/public.ts';
import { promoteWaitlisted } from './enrolment.service.ts';
import { trainingPolicy } from './training.policy.ts';
import * as repo from './training.repo.ts';
import {
  offeringInput,
  offeringStatusInput,
  prerequisitesInput,
  programmeInput,
  questionInput,
  sessionInput,
  trainerInput,
  waiverInput,
} from './training.schema.ts';
import type { OfferingStatus } from './training.tables.ts';

// The catalogue the program office keeps: programmes with their completion criteria and question bank,
// offerings with their sessions and trainers. Each change is audited in its own transaction.

/** Programmes the actor may see: the office all of them, everyone else the published ones. */
export async function listProgrammes(deps: Deps, ctx: Ctx) {
  const all = await repo.listProgrammes(deps.db);
  return trainingPolicy.oversee(ctx.actor) ? all : all.filter((p) => p.published);
}

/** One programme (404 when there is none, or when it is unpublished and the actor is not the office). */
export async function getProgramme(deps: Deps, ctx: Ctx, id: number) {
  const p = await repo.findProgramme(deps.db, id);
  if (!p || (!p.published && !trainingPolicy.oversee(ctx.actor))) throw new NotFoundError();
  return p;
}

/** Creates a programme (unpublished) with its completion criteria. */
export async function createProgramme(deps: Deps, ctx: Ctx, raw: unknown) {
  authorize(trainingPolicy.administer(ctx.actor));
  const input = parseInput(programmeInput, raw);
  if (await repo.findProgrammeByCode(deps.db, input.code)) fieldError('code', 'training.validation.code_taken');
  return deps.db.transaction().execute(async (trx) => {
    const p = await repo.insertProgramme(trx, {
      ...input,
      pass_mark_pct: input.pass_mark_pct ?? null,
      assignment_ar: input.assignment_ar || null,
      assignment_en: input.assignment_en || null,
      max_attempts: input.max_attempts ?? 3,
      questions_per_attempt: input.questions_per_attempt ?? 10,
      published: 0,
    });
    await recordAudit(trx, ctx, { action: 'training.programme.create', recordType: 'training_programme', recordId: p.id, after: p });
    return p;
  });
}

/** Publishes a programme (it and its open offerings appear to staff and, for the public audience, on the public page) or withdraws it. */
export async function setProgrammePublished(deps: Deps, ctx: Ctx, id: number, published: boolean) {
  authorize(trainingPolicy.administer(ctx.actor));
  const p = await repo.findProgramme(deps.db, id);
  if (!p) throw new NotFoundError();
  if (published && p.pass_mark_pct !== null && (await repo.listQuestions(deps.db, id)).length === 0)
    throw new ConflictError('training.error.no_questions');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateProgramme(trx, id, { published: published ? 1 : 0 });
    await recordAudit(trx, ctx, {
      action: published ? 'training.programme.publish' : 'training.programme.withdraw',
      recordType: 'training_programme',
      recordId: id,
      before: { published: p.published },
      after: { published: after.published },
    });
    return after;
  });
}

/** Adds a multiple-choice question to a programme's bank. */
export async function addQuestion(deps: Deps, ctx: Ctx, programmeId: number, raw: unknown) {
  authorize(trainingPolicy.administer(ctx.actor));
  const q = parseInput(questionInput, raw);
  if (!(await repo.findProgramme(deps.db, programmeId))) throw new NotFoundError();
  const options = [1, 2, 3, 4]
    .map((i) => ({
      ar: q[`option_${i}_ar` as keyof typeof q] as string | undefined,
      en: q[`option_${i}_en` as keyof typeof q] as string | undefined,
    }))
    .filter((o): o is { ar: string; en: string } => !!o.ar && !!o.en);
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertQuestion(trx, {
      programme_id: programmeId,
      text_ar: q.text_ar,
      text_en: q.text_en,
      options_json: JSON.stringify(options),
      correct_index: q.correct - 1,
    });
    await recordAudit(trx, ctx, { action: 'training.question.create', recordType: 'training_question', recordId: row.id, after: row });
    return row;
  });
}

/** Schedules an offering of a programme (a draft): its dates, where (a place, an online link or both) and its seats. */
export async function createOffering(deps: Deps, ctx: Ctx, programmeId: number, raw: unknown) {
  authorize(trainingPolicy.administer(ctx.actor));
  const input = parseInput(offeringInput, raw);
  const p = await repo.findProgramme(deps.db, programmeId);
  if (!p) throw new NotFoundError();
  if (p.delivery_mode !== 'online' && !input.location_ar) fieldError('location_ar', 'training.validation.location_required');
  if (p.delivery_mode !== 'in_person' && !input.online_url) fieldError('online_url', 'training.validation.link_required');
  return deps.db.transaction().execute(async (trx) => {
    const o = await repo.insertOffering(trx, {
      programme_id: programmeId,
      starts_on: input.starts_on,
      ends_on: input.ends_on,
      location_ar: input.location_ar ?? null,
      location_en: input.location_en ?? null,
      online_url: input.online_url ?? null,
      capacity: input.capacity,
      status: 'draft',
    });
    await recordAudit(trx, ctx, { action: 'training.offering.create', recordType: 'training_offering', recordId: o.id, after: o });
    return o;
  });
}

/** The steps an offering may take from each status. */
export const offeringSteps: Record<OfferingStatus, readonly OfferingStatus[]> = {
  draft: ['open', 'cancelled'],
  open: ['closed', 'completed', 'cancelled'],
  closed: ['open', 'completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/**
 * Moves an offering on (open for enrolment, close it, mark it run, cancel it). Opening needs a
 * published programme and at least one session; reopening promotes the waitlist into free seats.
 */
export async function setOfferingStatus(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(trainingPolicy.administer(ctx.actor));
  const { status } = parseInput(offeringStatusInput, raw);
  return deps.db.transaction().execute(async (trx) => {
    const o = await repo.lockOffering(trx, id);
    if (!o) throw new NotFoundError();
    if (!offeringSteps[o.status].includes(status)) throw new ConflictError('training.error.status_step');
    if (status === 'open') {
      const p = await repo.findProgramme(trx, o.programme_id);
      if (!p?.published) throw new ConflictError('training.error.programme_unpublished');
      if ((await repo.countSessions(trx, id)) === 0) throw new ConflictError('training.error.no_sessions');
    }
    const after = await repo.updateOffering(trx, id, { status });
    await recordAudit(trx, ctx, {
      action: 'training.offering.status',
      recordType: 'training_offering',
      recordId: id,
      before: { status: o.status },
      after: { status },
    });
    if (status === 'open') await promoteWaitlisted(deps, trx, ctx, id);
    return after;
  });
}

/** Adds a session to an offering that has not run or been cancelled; its times must fall within the offering's days. */
export async function addSession(deps: Deps, ctx: Ctx, offeringId: number, raw: unknown) {
  authorize(trainingPolicy.administer(ctx.actor));
  const input = parseInput(sessionInput, raw);
  const o = await repo.findOffering(deps.db, offeringId);
  if (!o) throw new NotFoundError();
  if (o.status === 'completed' || o.status === 'cancelled') throw new ConflictError('training.error.offering_finished');
  const starts_at = new Date(input.starts_at).toISOString();
  const ends_at = new Date(input.ends_at).toISOString();
  if (localDate(starts_at, deps.config.timeZone) < o.starts_on) fieldError('starts_at', 'training.validation.session_outside');
  if (localDate(ends_at, deps.config.timeZone) > o.ends_on) fieldError('ends_at', 'training.validation.session_outside');
  return deps.db.transaction().execute(async (trx) => {
    const s = await repo.insertSession(trx, { offering_id: offeringId, starts_at, ends_at });
    await recordAudit(trx, ctx, { action: 'training.session.create', recordType: 'training_session', recordId: s.id, after: s });
    return s;
  });
}

/** Names a trainer on an offering by their email (an active account); trainers mark its attendance. */
export async function addTrainer(deps: Deps, ctx: Ctx, offeringId: number, raw: unknown) {
  authorize(trainingPolicy.administer(ctx.actor));
  const { email } = parseInput(trainerInput, raw);
  if (!(await repo.findOffering(deps.db, offeringId))) throw new NotFoundError();
  const user = (await findUsers(deps.db, { q: email, status: 'active' }, 5, 0)).find((u) => u.email.toLowerCase() === email.toLowerCase());
  if (!user) fieldError('email', 'training.validation.trainer_unknown');
  if ((await repo.trainerIds(deps.db, offeringId)).includes(user.id)) fieldError('email', 'training.validation.trainer_already');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertTrainer(trx, offeringId, user.id);
    await recordAudit(trx, ctx, {
      action: 'training.trainer.add',
      recordType: 'training_offering',
      recordId: offeringId,
      after: { user_id: user.id },
    });
    return row;
  });
}

/** A programme with its offerings and (for the office) its question bank. */
export async function programmeView(deps: Deps, ctx: Ctx, id: number) {
  const programme = await getProgramme(deps, ctx, id);
  const office = trainingPolicy.oversee(ctx.actor);
  const offerings = (await repo.listOfferings(deps.db, id)).filter((o) => office || o.status !== 'draft');
  const all = await repo.listProgrammes(deps.db);
  const requiredIds = await repo.prerequisiteIds(deps.db, id);
  const waivers = [];
  if (office)
    for (const w of await repo.listWaivers(deps.db, id)) waivers.push({ ...w, person: (await findUser(deps.db, w.user_id))?.name ?? '' });
  return {
    programme,
    offerings,
    questions: office ? await repo.listQuestions(deps.db, id) : [],
    prerequisites: all.filter((p) => requiredIds.includes(p.id)),
    /** The programmes the administrator may choose as prerequisites (every other one). */
    others: trainingPolicy.administer(ctx.actor) ? all.filter((p) => p.id !== id) : [],
    waivers,
  };
}

/**
 * An offering as the actor may see it: the office and its trainers see every enrolment, an agency
 * administrator their agency's (and the staff they may nominate), anyone else their own.
 */
export async function offeringView(deps: Deps, ctx: Ctx, id: number) {
  const offering = await repo.findOffering(deps.db, id);
  if (!offering) throw new NotFoundError();
  const programme = await getProgramme(deps, ctx, offering.programme_id);
  const office = trainingPolicy.oversee(ctx.actor);
  if (offering.status === 'draft' && !office) throw new NotFoundError();
  const trainerIdList = await repo.trainerIds(deps.db, id);
  const isTrainer = ctx.actor.kind === 'user' && trainerIdList.includes(ctx.actor.id);
  const administered = trainingPolicy.administeredAgencies(ctx.actor);
  const all = await repo.listEnrolments(deps.db, id);
  const mineId = ctx.actor.kind === 'user' ? ctx.actor.id : -1;
  const visible = office || isTrainer ? all : all.filter((e) => administered.includes(e.agency_id) || e.user_id === mineId);
  const people = new Map<number, { name: string; email: string }>();
  for (const userId of new Set([...visible.map((e) => e.user_id), ...trainerIdList])) {
    const u = await findUser(deps.db, userId);
    if (u) people.set(userId, { name: u.name, email: u.email });
  }
  const staff = administered.length ? await findUsers(deps.db, { agencyIds: administered, status: 'active' }, 1000, 0) : [];
  const staffOf = actorAgencyIds(ctx.actor).filter((a) => trainingPolicy.enrolSelf(ctx.actor, a));
  const agencyRows = (await allAgencies(deps)).filter((a) => staffOf.includes(a.id));
  return {
    offering,
    programme,
    sessions: await repo.listSessions(deps.db, id),
    trainers: trainerIdList.map((u) => ({ id: u, ...(people.get(u) ?? { name: '', email: '' }) })),
    enrolments: visible.map((e) => ({ ...e, person: people.get(e.user_id)?.name ?? '' })),
    mine: all.find((e) => e.user_id === mineId),
    counts: await repo.countByStatus(deps.db, id),
    /** Members of the public who signed up (the office and the offering's trainers only). */
    guests: office || isTrainer ? await repo.listGuests(deps.db, id) : [],
    staff: staff.filter((u) => !all.some((e) => e.user_id === u.id && ['requested', 'enrolled', 'waitlisted'].includes(e.status))),
    administered,
    /** The agencies the actor may enrol for (a choice is asked for when there are several). */
    enrolAgencies: agencyRows.map((a) => ({ id: a.id, name_ar: a.name_ar, name_en: a.name_en })),
    can: {
      administer: trainingPolicy.administer(ctx.actor),
      oversee: office,
      mark: trainingPolicy.markAttendance(ctx.actor, trainerIdList),
      enrol: staffOf.length > 0,
    },
  };
}
export type OfferingView = Awaited<ReturnType<typeof offeringView>>;
export type ProgrammeView = Awaited<ReturnType<typeof programmeView>>;

/** What the public training page lists: published public programmes and their open, closed or finished offerings. */
export async function publicCatalogue(deps: Deps, q = '') {
  const published = (await repo.listProgrammes(deps.db)).filter((p) => p.published && p.audience === 'public');
  const programmes = q.trim() ? searchProgrammes(published, q) : published;
  const out = [];
  for (const p of programmes) {
    const offerings = (await repo.listOfferings(deps.db, p.id)).filter((o) => o.status !== 'draft');
    const sessions = new Map<number, repo.SessionRow[]>();
    for (const o of offerings) sessions.set(o.id, await repo.listSessions(deps.db, o.id));
    out.push({ programme: p, offerings, sessions });
  }
  return out;
}

interface ProgrammeDoc extends SearchDoc {
  code: string;
  title_ar: string;
  title_en: string;
  description_ar: string;
  description_en: string;
  track: string[];
}

/**
 * The programmes a query finds, the most relevant first, through the platform's Arabic-aware
 * analyzer (normalised letters, light stems, clitics and plurals, one-typo matches in titles): both
 * languages' titles and descriptions, the code and the track's name in both languages. The index is
 * built for each search from the published programmes (tens, not thousands), so it is never stale.
 */
export function searchProgrammes<P extends repo.ProgrammeRow>(programmes: readonly P[], q: string): P[] {
  const index = new SearchIndex<ProgrammeDoc>({
    fields: [
      { name: 'title_ar', weight: 5, title: true },
      { name: 'title_en', weight: 5, title: true },
      { name: 'code', weight: 3, expand: false },
      { name: 'track', weight: 2 },
      { name: 'description_ar', weight: 1, expand: false },
      { name: 'description_en', weight: 1, expand: false },
    ],
  });
  const byId = new Map(programmes.map((p) => [String(p.id), p]));
  for (const p of programmes)
    index.add(String(p.id), {
      code: p.code,
      title_ar: p.title_ar,
      title_en: p.title_en,
      description_ar: p.description_ar,
      description_en: p.description_en,
      track: [translate('ar', trackKey(p.track)), translate('en', trackKey(p.track))],
    });
  return index
    .search(q.slice(0, 200), { limit: programmes.length || 1, prefix: false })
    .hits.map((h) => byId.get(h.id))
    .filter((p): p is P => p !== undefined);
}
const trackKey = (track: string) => `training.track.${track}` as MessageKey;

/** The offering an enrolment belongs to (404 when there is none). */
export async function enrolmentOffering(deps: Deps, enrolmentId: number): Promise<number> {
  const e = await repo.findEnrolment(deps.db, enrolmentId);
  if (!e) throw new NotFoundError();
  return e.offering_id;
}

/** The offering a member of the public's sign-up belongs to (404 when there is none). */
export async function guestOffering(deps: Deps, guestId: number): Promise<number> {
  const g = await repo.findGuest(deps.db, guestId);
  if (!g) throw new NotFoundError();
  return g.offering_id;
}

/** Whether a person is named as trainer on any offering (they see its evaluation results). */
export async function trainsAny(deps: Deps, userId: number): Promise<boolean> {
  return (await repo.offeringsTrainedBy(deps.db, userId)).length > 0;
}

/** Refuses a change to an offering that has run or was cancelled. */
const assertNotFinished = (o: { status: OfferingStatus }) => {
  if (o.status === 'completed' || o.status === 'cancelled') throw new ConflictError('training.error.offering_finished');
};

/** Edits a programme's texts and criteria (its code stays: certificates and links name it). */
export async function updateProgramme(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(trainingPolicy.administer(ctx.actor));
  const input = parseInput(programmeInput, raw);
  const p = await repo.findProgramme(deps.db, id);
  if (!p) throw new NotFoundError();
  if (input.code !== p.code) fieldError('code', 'training.edit.code_fixed');
  return deps.db.transaction().execute(async (trx) => {
    const { code: _, ...fields } = input;
    const after = await repo.updateProgramme(trx, id, {
      ...fields,
      pass_mark_pct: input.pass_mark_pct ?? null,
      assignment_ar: input.assignment_ar || null,
      assignment_en: input.assignment_en || null,
      max_attempts: input.max_attempts ?? p.max_attempts,
      questions_per_attempt: input.questions_per_attempt ?? p.questions_per_attempt,
    });
    await recordAudit(trx, ctx, { action: 'training.programme.update', recordType: 'training_programme', recordId: id, before: p, after });
    return after;
  });
}

/**
 * Edits an offering that has not run or been cancelled: dates, place, link, seats. Seats cannot go
 * below those taken, nor the days leave out a session; more seats go to the waitlist at once.
 */
export async function updateOffering(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(trainingPolicy.administer(ctx.actor));
  const input = parseInput(offeringInput, raw);
  const first = await repo.findOffering(deps.db, id);
  if (!first) throw new NotFoundError();
  const p = await repo.findProgramme(deps.db, first.programme_id);
  if (!p) throw new NotFoundError();
  if (p.delivery_mode !== 'online' && !input.location_ar) fieldError('location_ar', 'training.validation.location_required');
  if (p.delivery_mode !== 'in_person' && !input.online_url) fieldError('online_url', 'training.validation.link_required');
  const tz = deps.config.timeZone;
  for (const s of await repo.listSessions(deps.db, id)) {
    if (localDate(s.starts_at, tz) < input.starts_on) fieldError('starts_on', 'training.validation.session_outside');
    if (localDate(s.ends_at, tz) > input.ends_on) fieldError('ends_on', 'training.validation.session_outside');
  }
  return deps.db.transaction().execute(async (trx) => {
    const o = await repo.lockOffering(trx, id);
    if (!o) throw new NotFoundError();
    assertNotFinished(o);
    if (input.capacity < o.seats_taken) fieldError('capacity', 'training.validation.capacity_below_seats', { taken: o.seats_taken });
    const after = await repo.updateOffering(trx, id, {
      starts_on: input.starts_on,
      ends_on: input.ends_on,
      location_ar: input.location_ar ?? null,
      location_en: input.location_en ?? null,
      online_url: input.online_url ?? null,
      capacity: input.capacity,
    });
    const keys = ['starts_on', 'ends_on', 'location_ar', 'location_en', 'online_url', 'capacity'] as const;
    await recordAudit(trx, ctx, {
      action: 'training.offering.update',
      recordType: 'training_offering',
      recordId: id,
      before: Object.fromEntries(keys.map((k) => [k, o[k]])),
      after: Object.fromEntries(keys.map((k) => [k, after[k]])),
    });
    if (after.capacity > o.capacity && (after.status === 'open' || after.status === 'closed')) await promoteWaitlisted(deps, trx, ctx, id);
    return after;
  });
}

/** Moves a session of an offering that has not run or been cancelled; its times stay within the offering's days. */
export async function updateSession(deps: Deps, ctx: Ctx, sessionId: number, raw: unknown) {
  authorize(trainingPolicy.administer(ctx.actor));
  const input = parseInput(sessionInput, raw);
  const s = await repo.findSession(deps.db, sessionId);
  if (!s) throw new NotFoundError();
  const o = await repo.findOffering(deps.db, s.offering_id);
  if (!o) throw new NotFoundError();
  assertNotFinished(o);
  const starts_at = new Date(input.starts_at).toISOString();
  const ends_at = new Date(input.ends_at).toISOString();
  if (localDate(starts_at, deps.config.timeZone) < o.starts_on) fieldError('starts_at', 'training.validation.session_outside');
  if (localDate(ends_at, deps.config.timeZone) > o.ends_on) fieldError('ends_at', 'training.validation.session_outside');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateSession(trx, sessionId, { starts_at, ends_at });
    await recordAudit(trx, ctx, {
      action: 'training.session.update',
      recordType: 'training_session',
      recordId: sessionId,
      before: s,
      after,
    });
    return after;
  });
}

/** One session with its offering and programme (the session's edit page). */
export async function sessionView(deps: Deps, ctx: Ctx, sessionId: number) {
  authorize(trainingPolicy.administer(ctx.actor));
  const session = await repo.findSession(deps.db, sessionId);
  const offering = session ? await repo.findOffering(deps.db, session.offering_id) : undefined;
  const programme = offering ? await repo.findProgramme(deps.db, offering.programme_id) : undefined;
  if (!session || !offering || !programme) throw new NotFoundError();
  return { session, offering, programme };
}

/**
 * Sets the programmes a programme requires (replacing the list). A programme cannot require itself
 * or anything that already requires it, directly or through others.
 */
export async function setPrerequisites(deps: Deps, ctx: Ctx, programmeId: number, raw: unknown) {
  authorize(trainingPolicy.administer(ctx.actor));
  const { required_ids } = parseInput(prerequisitesInput, raw);
  const ids = [...new Set(required_ids)].sort((a, b) => a - b);
  if (!(await repo.findProgramme(deps.db, programmeId))) throw new NotFoundError();
  if (ids.includes(programmeId)) fieldError('required_ids', 'training.validation.prerequisite_self');
  for (const id of ids) if (!(await repo.findProgramme(deps.db, id))) fieldError('required_ids', 'validation.invalid');
  // A cycle: programmeId is reachable from one of the new requirements through the existing edges.
  const edges = (await repo.allPrerequisites(deps.db)).filter((e) => e.programme_id !== programmeId);
  const seen = new Set<number>();
  const stack = [...ids];
  while (stack.length) {
    const n = stack.pop() as number;
    if (n === programmeId) fieldError('required_ids', 'training.validation.prerequisite_cycle');
    if (seen.has(n)) continue;
    seen.add(n);
    for (const e of edges) if (e.programme_id === n) stack.push(e.required_id);
  }
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.prerequisiteIds(trx, programmeId);
    await repo.replacePrerequisites(trx, programmeId, ids);
    await recordAudit(trx, ctx, {
      action: 'training.programme.prerequisites',
      recordType: 'training_programme',
      recordId: programmeId,
      before: { required_ids: before },
      after: { required_ids: ids },
    });
    return ids;
  });
}

/** The office lets one person enrol in a programme without its prerequisites, with a written reason (audited). */
export async function waivePrerequisites(deps: Deps, ctx: Ctx, programmeId: number, raw: unknown) {
  authorize(trainingPolicy.oversee(ctx.actor));
  const { email, reason } = parseInput(waiverInput, raw);
  if (!(await repo.findProgramme(deps.db, programmeId))) throw new NotFoundError();
  if ((await repo.prerequisiteIds(deps.db, programmeId)).length === 0) throw new ConflictError('training.error.no_prerequisites');
  const user = (await findUsers(deps.db, { q: email, status: 'active' }, 5, 0)).find((u) => u.email.toLowerCase() === email.toLowerCase());
  if (!user) fieldError('email', 'training.validation.waiver_unknown');
  if (await repo.findWaiver(deps.db, programmeId, user.id)) fieldError('email', 'training.validation.waiver_already');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertWaiver(trx, { programme_id: programmeId, user_id: user.id, reason, waived_by: actorLabel(ctx.actor) });
    await recordAudit(trx, ctx, {
      action: 'training.prerequisite.waive',
      recordType: 'training_programme',
      recordId: programmeId,
      after: { user_id: user.id, reason },
    });
    return row;
  });
}
