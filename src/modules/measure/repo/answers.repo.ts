import type { Selectable } from 'kysely';
import type { Executor } from '../../../db.ts';
import { nowIso } from '../../../platform/db/time.ts';
import type {
  AnswerStatus,
  MeasureAnswerEventsTable,
  MeasureAnswersTable,
  MeasureEvidenceLinksTable,
  MeasureEvidenceTable,
  MeasureUploadsTable,
} from '../measure.tables.ts';

export type AnswerRow = Selectable<MeasureAnswersTable>;
export type EvidenceRow = Selectable<MeasureEvidenceTable>;
export type EventRow = Selectable<MeasureAnswerEventsTable>;

/** A round's answers; of one agency when given. */
export async function listAnswers(db: Executor, roundId: number, agencyId?: number): Promise<AnswerRow[]> {
  let q = db.selectFrom('measure_answers').selectAll().where('round_id', '=', roundId);
  if (agencyId !== undefined) q = q.where('agency_id', '=', agencyId);
  return q.orderBy('agency_id').orderBy('id').execute();
}

export async function findAnswer(db: Executor, roundId: number, agencyId: number, key: string): Promise<AnswerRow | undefined> {
  return db
    .selectFrom('measure_answers')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('agency_id', '=', agencyId)
    .where('question_key', '=', key)
    .executeTakeFirst();
}

export type AnswerValues = Pick<AnswerRow, 'value_json' | 'na' | 'comment' | 'auto_json' | 'updated_by'>;

/** Inserts an agency's first answer to a question (version 1); undefined when someone inserted it first. */
export async function insertAnswer(
  db: Executor,
  a: { round_id: number; agency_id: number; question_key: string; status?: AnswerStatus } & AnswerValues,
): Promise<AnswerRow | undefined> {
  const now = nowIso();
  return db
    .insertInto('measure_answers')
    .values({
      status: 'draft',
      review_value_json: null,
      review_na: 0,
      review_reason: null,
      reviewed_by: null,
      reviewed_at: null,
      response: null,
      version: 1,
      created_at: now,
      updated_at: now,
      ...a,
    })
    .onConflict((oc) => oc.columns(['round_id', 'agency_id', 'question_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Changes an answer only if nobody changed it since `version` was read; the version moves on. Undefined on conflict. */
export async function updateAnswerAt(
  db: Executor,
  id: number,
  version: number,
  patch: Partial<AnswerValues & Pick<AnswerRow, 'status' | 'response'>>,
): Promise<AnswerRow | undefined> {
  return db
    .updateTable('measure_answers')
    .set({ ...patch, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Review fields and status, conditional on the status it was read in (two reviewers never both win). */
export async function reviewAnswer(
  db: Executor,
  id: number,
  fromStatus: AnswerStatus,
  patch: Pick<AnswerRow, 'status' | 'review_value_json' | 'review_na' | 'review_reason' | 'reviewed_by' | 'reviewed_at'>,
): Promise<AnswerRow | undefined> {
  return db
    .updateTable('measure_answers')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .returningAll()
    .executeTakeFirst();
}

/** Moves every answer of an agency in one of `from` to `to`; returns the moved rows. */
export async function moveAnswers(db: Executor, roundId: number, agencyId: number, from: AnswerStatus[], to: AnswerStatus) {
  return db
    .updateTable('measure_answers')
    .set({ status: to, updated_at: nowIso() })
    .where('round_id', '=', roundId)
    .where('agency_id', '=', agencyId)
    .where('status', 'in', from)
    .returning(['id', 'question_key'])
    .execute();
}

/** Updates an automatic answer's reading without touching the version an editor holds. */
export async function setAutoReading(db: Executor, id: number, value_json: string | null, na: number, auto_json: string): Promise<void> {
  await db.updateTable('measure_answers').set({ value_json, na, auto_json, updated_at: nowIso() }).where('id', '=', id).execute();
}

export async function insertEvent(db: Executor, e: { answer_id: number; action: string; detail?: unknown; actor_label: string | null }) {
  await db
    .insertInto('measure_answer_events')
    .values({
      answer_id: e.answer_id,
      action: e.action,
      detail_json: e.detail === undefined ? null : JSON.stringify(e.detail),
      actor_label: e.actor_label,
      at: nowIso(),
    })
    .execute();
}

export async function listEvents(db: Executor, answerId: number): Promise<EventRow[]> {
  return db.selectFrom('measure_answer_events').selectAll().where('answer_id', '=', answerId).orderBy('id').execute();
}

export async function insertEvidence(db: Executor, e: Omit<EvidenceRow, 'id' | 'uploaded_at'>): Promise<EvidenceRow> {
  return db
    .insertInto('measure_evidence')
    .values({ ...e, uploaded_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Evidence of one agency in a round (or of one answer). */
export async function listEvidence(
  db: Executor,
  where: { roundId: number; agencyId: number } | { answerId: number },
): Promise<EvidenceRow[]> {
  let q = db.selectFrom('measure_evidence').selectAll();
  q =
    'answerId' in where
      ? q.where('answer_id', '=', where.answerId)
      : q.where('round_id', '=', where.roundId).where('agency_id', '=', where.agencyId);
  return q.orderBy('id').execute();
}

export async function findEvidence(db: Executor, id: number): Promise<EvidenceRow | undefined> {
  return db.selectFrom('measure_evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteEvidence(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('measure_evidence').where('id', '=', id).execute();
}

/** The answers of a round that have at least one evidence file. */
export async function answersWithEvidence(db: Executor, roundId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('measure_evidence')
    .select('answer_id')
    .distinct()
    .where('round_id', '=', roundId)
    .orderBy('answer_id')
    .execute();
  return rows.map((r) => r.answer_id);
}

export type LinkRow = Selectable<MeasureEvidenceLinksTable>;

/** Evidence links of a round (or of one agency in it), by answer, in the order they were added. */
export async function linksByAnswer(db: Executor, roundId: number, agencyId?: number): Promise<Map<number, string[]>> {
  let q = db.selectFrom('measure_evidence_links').select(['answer_id', 'url']).where('round_id', '=', roundId);
  if (agencyId !== undefined) q = q.where('agency_id', '=', agencyId);
  const out = new Map<number, string[]>();
  for (const r of await q.orderBy('id').execute()) out.set(r.answer_id, [...(out.get(r.answer_id) ?? []), r.url]);
  return out;
}

export async function listLinkUrls(db: Executor, answerId: number): Promise<string[]> {
  const rows = await db.selectFrom('measure_evidence_links').select('url').where('answer_id', '=', answerId).orderBy('id').execute();
  return rows.map((r) => r.url);
}

export async function insertLink(db: Executor, l: Omit<LinkRow, 'id' | 'added_at'>): Promise<void> {
  await db
    .insertInto('measure_evidence_links')
    .values({ ...l, added_at: nowIso() })
    .execute();
}

export type UploadRow = Selectable<MeasureUploadsTable>;

export async function insertUpload(db: Executor, u: Omit<UploadRow, 'id' | 'created_at'>): Promise<UploadRow> {
  return db
    .insertInto('measure_uploads')
    .values({ ...u, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findUpload(db: Executor, id: number): Promise<UploadRow | undefined> {
  return db.selectFrom('measure_uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks an upload applied unless it already was (two clicks apply it once). */
export async function markUploadApplied(db: Executor, id: number): Promise<boolean> {
  const r = await db
    .updateTable('measure_uploads')
    .set({ applied_at: nowIso() })
    .where('id', '=', id)
    .where('applied_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
