import type { Executor } from '../../db.ts';
import type { Deps } from '../../platform/deps.ts';
import {
  ERASED,
  type ErasureResult,
  eraseStaffLabels,
  isStaffLabel,
  type PersonalDataPort,
  type Subject,
} from '../../platform/personal-data.ts';
import { findUserByEmail } from '../identity/public.ts';

// Plan's personal data for the privacy office: the staff who acted on plans, known by the label each
// record carries (`Name <email>`: who reported, proposed, reviewed, took a baseline, kept a risk or a
// committee's minutes or attendance), and the name a committee keeps for a member who holds an account
// with whether they attended each meeting. The plans, figures, decisions, attendance and their history
// are the agencies' and stay; erasure replaces who did it and the member's name, so every count, rate
// and roll-up stays as it was. A named external member (no account) has no address in
// Yusr, so no subject reaches them; the agency removes them from its committee.

const STAFF = 'plan.staff';
const MEMBER = 'plan.committee_member';

const LABELS = [
  ['plan_events', 'actor_label'],
  ['plan_corrections', 'proposed_by'],
  ['plan_corrections', 'reviewed_by'],
  ['plan_baselines', 'taken_by'],
  ['plan_change_requests', 'proposed_by'],
  ['plan_change_requests', 'reviewed_by'],
  ['plan_risks', 'created_by'],
  ['plan_risks', 'updated_by'],
  ['plan_committees', 'created_by'],
  ['plan_committee_meetings', 'minutes_by'],
  ['plan_committee_meetings', 'created_by'],
  ['plan_committee_actions', 'created_by'],
  ['plan_committee_attendance', 'recorded_by'],
  ['plan_systems', 'created_by'],
] as const;

const like = (email: string) => `%<${email.trim().toLowerCase()}>`;
const accountOf = async (db: Executor, s: Subject) => (s.email ? await findUserByEmail(db, s.email) : undefined);

export const planPersonalData: PersonalDataPort = {
  kinds: [
    {
      key: STAFF,
      label: 'plan.privacy.staff',
      where: `${LABELS.map(([t, c]) => `${t} (${c})`).join(', ')}, plan_system_services (created_by)`,
      purpose: 'plan.privacy.staff_purpose',
      basis: 'public_task',
      retention: 'plan.privacy.staff_retention',
      defaultPeriod: null,
    },
    {
      key: MEMBER,
      label: 'plan.privacy.member',
      where:
        'plan_committee_members (name, role_title) of a member with an account, and plan_committee_attendance (whether they attended each meeting)',
      purpose: 'plan.privacy.member_purpose',
      basis: 'public_task',
      retention: 'plan.privacy.member_retention',
      defaultPeriod: null,
    },
  ],

  async export(deps: Deps, subject) {
    if (!subject.email) return [];
    const email = subject.email;
    const acts: Record<string, unknown>[] = [];
    for (const [table, column] of LABELS) {
      const rows = await deps.db
        .selectFrom(table)
        .selectAll()
        .where(column, 'like', like(email))
        .orderBy('id' as never)
        .execute();
      for (const r of rows as Record<string, unknown>[])
        if (isStaffLabel(r[column] as string | null, email)) acts.push({ record: table, as: column, ...withoutLabels(r) });
    }
    const links = await deps.db
      .selectFrom('plan_system_services')
      .selectAll()
      .where('created_by', 'like', like(email))
      .orderBy('system_id')
      .orderBy('service_identifier')
      .execute();
    for (const r of links)
      if (isStaffLabel(r.created_by, email))
        acts.push({
          record: 'plan_system_services',
          as: 'created_by',
          system_id: r.system_id,
          service: r.service_identifier,
          at: r.created_at,
        });
    const u = await accountOf(deps.db, subject);
    const members = u
      ? await deps.db
          .selectFrom('plan_committee_members')
          .select(['committee_id', 'name', 'role_title', 'is_chair', 'active', 'created_at'])
          .where('user_id', '=', u.id)
          .orderBy('id')
          .execute()
      : [];
    // Whether they attended each meeting: named through their membership.
    const attendance = u
      ? await deps.db
          .selectFrom('plan_committee_attendance as a')
          .innerJoin('plan_committee_members as m', 'm.id', 'a.member_id')
          .innerJoin('plan_committee_meetings as g', 'g.id', 'a.meeting_id')
          .select(['m.committee_id', 'a.meeting_id', 'g.held_at', 'a.status', 'a.recorded_at'])
          .where('m.user_id', '=', u.id)
          .orderBy('a.id')
          .execute()
      : [];
    return [
      { kind: STAFF, records: acts, files: [] },
      { kind: MEMBER, records: [...members, ...attendance.map((a) => ({ record: 'plan_committee_attendance', ...a }))], files: [] },
    ];
  },

  async erase(trx, _deps, subject): Promise<ErasureResult> {
    if (!subject.email) return { counts: {}, files: [] };
    let staff = await eraseStaffLabels(trx, subject.email, LABELS);
    // The system–service links have no id of their own: replace the matching labels themselves.
    const labels = await trx
      .selectFrom('plan_system_services')
      .select('created_by')
      .where('created_by', 'like', like(subject.email))
      .execute();
    for (const label of new Set(labels.map((r) => r.created_by).filter((l) => isStaffLabel(l, subject.email as string)))) {
      const r = await trx
        .updateTable('plan_system_services')
        .set({ created_by: ERASED })
        .where('created_by', '=', label)
        .executeTakeFirst();
      staff += Number(r.numUpdatedRows ?? 0);
    }
    const u = await accountOf(trx, subject);
    const members = u
      ? await trx
          .updateTable('plan_committee_members')
          .set({ name: ERASED, role_title: ERASED })
          .where('user_id', '=', u.id)
          .executeTakeFirst()
      : undefined;
    return { counts: { [STAFF]: staff, [MEMBER]: Number(members?.numUpdatedRows ?? 0) }, files: [] };
  },
};

/** A record as the archive shows it: the labels of the other people named on it left out. */
function withoutLabels(r: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (!LABELS.some(([, c]) => c === k)) out[k] = v;
  return out;
}
