import type { Executor } from '../../db.ts';
import type { Deps } from '../../platform/deps.ts';
import { type ErasureResult, eraseStaffLabels, isStaffLabel, type PersonalDataPort, type Subject } from '../../platform/personal-data.ts';
import { findUserByEmail } from '../identity/public.ts';

// Advisory's personal data for the privacy office: who asked (the agency staff who submitted a
// request), who wrote each comment, uploaded each document, recorded each finding and assigned each
// advisor — all known by the label their actions carry — and the advisory team's members. What they
// wrote belongs to their agency's request and stays with it (the documents are the agency's, not
// the person's: the archive lists them without their files); erasure removes who wrote it, and an
// advisor leaves the team (their assignments stay under their account id, which identity
// pseudonymises), so the queue's figures and SLA do not move.

const REQUESTER_KIND = 'advisory.requester';
const ADVISOR_KIND = 'advisory.advisor';
const LABELS = [
  ['advisory_requests', 'submitted_by'],
  ['advisory_comments', 'author_label'],
  ['advisory_documents', 'uploaded_by'],
  ['advisory_findings', 'created_by'],
  ['advisory_assignments', 'assigned_by'],
  ['advisory_meetings', 'created_by'],
  ['advisory_meetings', 'minutes_by'],
  ['advisory_comment_edits', 'edited_by'],
  ['advisory_meetings', 'cancelled_by'],
  ['advisory_meeting_versions', 'changed_by'],
  ['advisory_minutes_edits', 'edited_by'],
] as const;

const like = (email: string) => `%<${email}>`;
const advisorOf = async (db: Executor, s: Subject) => {
  const u = s.email ? await findUserByEmail(db, s.email) : undefined;
  return u ? db.selectFrom('advisory_advisors').selectAll().where('user_id', '=', u.id).execute() : [];
};

export const advisoryPersonalData: PersonalDataPort = {
  kinds: [
    {
      key: REQUESTER_KIND,
      label: 'advisory.privacy.requester',
      where:
        'advisory_requests (submitted_by), advisory_comments (author_label), advisory_documents (uploaded_by), advisory_findings (created_by), advisory_assignments (assigned_by), advisory_meetings (created_by, minutes_by, cancelled_by), advisory_comment_edits (edited_by), advisory_meeting_versions (changed_by), advisory_minutes_edits (edited_by)',
      purpose: 'advisory.privacy.requester_purpose',
      basis: 'public_task',
      retention: 'advisory.privacy.requester_retention',
      defaultPeriod: null,
      correction: 'advisory.privacy.requester_correction',
    },
    {
      key: ADVISOR_KIND,
      label: 'advisory.privacy.advisor',
      where: 'advisory_advisors, advisory_assignments, advisory_tasks (by advisor id), advisory_meeting_attendees (by user id)',
      purpose: 'advisory.privacy.advisor_purpose',
      basis: 'public_task',
      retention: 'advisory.privacy.requester_retention',
      defaultPeriod: null,
      correction: 'advisory.privacy.requester_correction',
    },
  ],

  async export(deps: Deps, subject) {
    if (!subject.email) return [];
    const email = subject.email;
    const mine = <T extends { label: string | null }>(rows: T[]) => rows.filter((r) => isStaffLabel(r.label, email));
    const requests = mine(
      await deps.db
        .selectFrom('advisory_requests')
        .select(['id', 'title', 'question', 'type', 'status', 'submitted_at', 'closure_comment', 'submitted_by as label'])
        .where('submitted_by', 'like', like(email))
        .orderBy('id')
        .execute(),
    );
    const comments = mine(
      await deps.db
        .selectFrom('advisory_comments as c')
        .innerJoin('advisory_requests as r', 'r.id', 'c.request_id')
        .select(['r.title as request', 'c.anchor', 'c.body', 'c.created_at', 'c.author_label as label'])
        .where('c.author_label', 'like', like(email))
        .orderBy('c.id')
        .execute(),
    );
    const documents = mine(
      await deps.db
        .selectFrom('advisory_documents as d')
        .innerJoin('advisory_requests as r', 'r.id', 'd.request_id')
        .select(['r.title as request', 'd.title', 'd.doc_type', 'd.version', 'd.uploaded_at', 'd.uploaded_by as label'])
        .where('d.uploaded_by', 'like', like(email))
        .orderBy('d.id')
        .execute(),
    );
    const findings = mine(
      await deps.db
        .selectFrom('advisory_findings as f')
        .innerJoin('advisory_requests as r', 'r.id', 'f.request_id')
        .select(['r.title as request', 'f.title', 'f.severity', 'f.created_at', 'f.created_by as label'])
        .where('f.created_by', 'like', like(email))
        .orderBy('f.id')
        .execute(),
    );
    const meetings = mine(
      await deps.db
        .selectFrom('advisory_meetings as m')
        .innerJoin('advisory_requests as r', 'r.id', 'm.request_id')
        .select(['r.title as request', 'm.title', 'm.starts_at', 'm.created_at', 'm.created_by as label'])
        .where('m.created_by', 'like', like(email))
        .orderBy('m.id')
        .execute(),
    );
    const advisors = await advisorOf(deps.db, subject);
    const strip = <T extends { label: string | null }>({ label: _, ...rest }: T) => rest;
    return [
      {
        kind: REQUESTER_KIND,
        records: [
          ...requests.map((r) => ({ request: strip(r) })),
          ...comments.map((c) => ({ comment: strip(c) })),
          ...documents.map((d) => ({ document: strip(d) })),
          ...findings.map((f) => ({ finding: strip(f) })),
          ...meetings.map((m) => ({ meeting: strip(m) })),
        ],
        files: [],
      },
      {
        kind: ADVISOR_KIND,
        records: advisors.map((a) => ({ home_agency_id: a.home_agency_id, active: a.active === 1, since: a.created_at })),
        files: [],
      },
    ];
  },

  async erase(trx, _deps, subject): Promise<ErasureResult> {
    if (!subject.email) return { counts: {}, files: [] };
    const labels = await eraseStaffLabels(trx, subject.email, LABELS);
    const advisors = await advisorOf(trx, subject);
    for (const a of advisors) await trx.updateTable('advisory_advisors').set({ active: 0 }).where('id', '=', a.id).execute();
    return { counts: { [REQUESTER_KIND]: labels, [ADVISOR_KIND]: advisors.length }, files: [] };
  },
};
