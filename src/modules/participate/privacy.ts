import type { Executor } from '../../db.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { type ConsentGiven, ERASED, type ErasureResult, type PersonalDataPort, type Subject } from '../../platform/personal-data.ts';

// Participate's personal data for the privacy office: a participant's verified address and name, and
// the comments they wrote. Erasure keeps the comment rows (their dispositions, votes and reports keep
// counting in the consultation's report and figures) without their text or author; addresses that
// asked for a code and never verified are deleted after their retention period.

const PARTICIPANT_KIND = 'participate.participant';
const COMMENT_KIND = 'participate.comment';
const UNVERIFIED_KIND = 'participate.unverified';
const IDEA_KIND = 'participate.idea';

async function participantsOf(db: Executor, s: Subject) {
  if (!s.email) return [];
  return db.selectFrom('participate_participants').selectAll().where('email', '=', s.email.toLowerCase()).orderBy('id').execute();
}

export const participatePersonalData: PersonalDataPort = {
  kinds: [
    {
      key: PARTICIPANT_KIND,
      label: 'participate.privacy.participant',
      where: 'participate_participants (email, name)',
      purpose: 'participate.privacy.participant_purpose',
      basis: 'consent',
      retention: 'participate.privacy.participant_retention',
      defaultPeriod: null,
    },
    {
      key: COMMENT_KIND,
      label: 'participate.privacy.comment',
      where: 'participate_comments (body, display), participate_votes',
      purpose: 'participate.privacy.comment_purpose',
      basis: 'consent',
      retention: 'participate.privacy.participant_retention',
      defaultPeriod: null,
    },
    {
      key: IDEA_KIND,
      label: 'participate.privacy.idea',
      where: 'participate_ideas (title, description), participate_idea_supports',
      purpose: 'participate.privacy.idea_purpose',
      basis: 'consent',
      retention: 'participate.privacy.participant_retention',
      defaultPeriod: null,
    },
    {
      key: UNVERIFIED_KIND,
      label: 'participate.privacy.unverified',
      where: 'participate_participants (verified_at empty)',
      purpose: 'participate.privacy.participant_purpose',
      basis: 'consent',
      retention: 'participate.privacy.unverified_retention',
      defaultPeriod: { n: 30, unit: 'days' },
    },
  ],

  async export(deps, subject) {
    const people = await participantsOf(deps.db, subject);
    const ids = people.map((p) => p.id);
    const comments = ids.length
      ? await deps.db
          .selectFrom('participate_comments as c')
          .innerJoin('participate_consultations as k', 'k.id', 'c.consultation_id')
          .leftJoin('participate_articles as a', 'a.id', 'c.article_id')
          .select([
            'k.title_ar',
            'k.title_en',
            'a.label',
            'c.body',
            'c.display',
            'c.status',
            'c.disposition',
            'c.disposition_reason',
            'c.created_at',
          ])
          .where('c.participant_id', 'in', ids)
          .orderBy('c.id')
          .execute()
      : [];
    const votes = ids.length
      ? await deps.db
          .selectFrom('participate_votes as v')
          .innerJoin('participate_articles as a', 'a.id', 'v.article_id')
          .select(['v.consultation_id', 'a.label', 'v.stance', 'v.updated_at'])
          .where('v.participant_id', 'in', ids)
          .orderBy('v.id')
          .execute()
      : [];
    const ideas = ids.length
      ? await deps.db
          .selectFrom('participate_ideas')
          .select(['id', 'title', 'description', 'category', 'moderation', 'moderation_reason', 'answer', 'answer_reason', 'created_at'])
          .where('participant_id', 'in', ids)
          .orderBy('id')
          .execute()
      : [];
    const supports = ids.length
      ? await deps.db
          .selectFrom('participate_idea_supports as s')
          .innerJoin('participate_ideas as i', 'i.id', 's.idea_id')
          .select(['i.title', 's.created_at'])
          .where('s.participant_id', 'in', ids)
          .orderBy('s.id')
          .execute()
      : [];
    return [
      {
        kind: IDEA_KIND,
        records: [...ideas.map((i) => ({ ...i })), ...supports.map((x) => ({ supported_idea: x.title, at: x.created_at }))],
        files: [],
      },
      {
        kind: PARTICIPANT_KIND,
        records: people.map((p) => ({
          email: p.email,
          name: p.name,
          language: p.locale,
          verified_at: p.verified_at,
          created_at: p.created_at,
        })),
        files: [],
      },
      {
        kind: COMMENT_KIND,
        records: [
          ...comments.map((c) => ({
            consultation: { ar: c.title_ar, en: c.title_en },
            article: c.label,
            comment: c.body,
            shown_as: c.display,
            status: c.status,
            disposition: c.disposition,
            disposition_reason: c.disposition_reason,
            at: c.created_at,
          })),
          ...votes.map((v) => ({ consultation_id: v.consultation_id, article: v.label, stance: v.stance, at: v.updated_at })),
        ],
        files: [],
      },
    ];
  },

  // Withdrawn on My data: the comment stays, without the name to the public.
  async withdrawConsent(trx, _deps, consent) {
    const id = Number(/^participate_comment:(\d+)$/.exec(consent.ref)?.[1]);
    if (consent.purpose !== 'participate.comment_by_name' || !id) return;
    const own = trx.selectFrom('participate_participants').select('id').where('email', '=', consent.email);
    await trx
      .updateTable('participate_comments')
      .set({ display: 'anonymous' })
      .where('id', '=', id)
      .where('participant_id', 'in', own)
      .execute();
  },

  // A comment shown by name rests on consent; those posted before the register existed have no record
  // there: listed here (in the participant's language, at the comment's time) for privacy to record.
  async priorConsents(db): Promise<ConsentGiven[]> {
    const rows = await db
      .selectFrom('participate_comments as c')
      .innerJoin('participate_participants as p', 'p.id', 'c.participant_id')
      .select(['c.id', 'c.consultation_id', 'c.created_at', 'p.email', 'p.locale'])
      .where('c.display', '=', 'name')
      .orderBy('c.id')
      .execute();
    return rows.map((r) => ({
      purpose: 'participate.comment_by_name',
      kind: PARTICIPANT_KIND,
      ref: `participate_comment:${r.id}`,
      email: r.email,
      lang: r.locale,
      wording: translate(r.locale, 'participate.consent.before_register'),
      channel: 'before_register',
      form: `/consultations/${r.consultation_id}`,
      givenAt: r.created_at,
    }));
  },

  async erase(trx, _deps, subject): Promise<ErasureResult> {
    const people = await participantsOf(trx, subject);
    const ids = people.map((p) => p.id);
    if (ids.length === 0) return { counts: { [PARTICIPANT_KIND]: 0, [COMMENT_KIND]: 0, [IDEA_KIND]: 0 }, files: [] };
    // An idea's row stays (its answers and supports are the agency's record); its words and author go.
    const ideas = await trx
      .updateTable('participate_ideas')
      .set({ title: ERASED, description: ERASED })
      .where('participant_id', 'in', ids)
      .executeTakeFirst();
    const comments = await trx
      .updateTable('participate_comments')
      .set({ body: ERASED, display: 'anonymous' })
      .where('participant_id', 'in', ids)
      .executeTakeFirst();
    for (const p of people)
      await trx
        .updateTable('participate_participants')
        .set({ email: `erased-${p.id}@erased.invalid`, name: ERASED, code_hash: null, code_expires_at: null })
        .where('id', '=', p.id)
        .execute();
    return {
      counts: {
        [PARTICIPANT_KIND]: people.length,
        [COMMENT_KIND]: Number(comments.numUpdatedRows ?? 0),
        [IDEA_KIND]: Number(ideas.numUpdatedRows ?? 0),
      },
      files: [],
    };
  },

  async purge(trx, _deps, kind, cutoff): Promise<ErasureResult> {
    if (kind !== UNVERIFIED_KIND) return { counts: {}, files: [] };
    // Unverified participants cannot have commented, voted or reported: nothing refers to them.
    const r = await trx
      .deleteFrom('participate_participants')
      .where('verified_at', 'is', null)
      .where('created_at', '<', cutoff)
      .where((eb) =>
        eb.and(
          (
            ['participate_comments', 'participate_votes', 'participate_reports', 'participate_ideas', 'participate_idea_supports'] as const
          ).map((t) =>
            eb.not(eb.exists(eb.selectFrom(t).select('id').whereRef(`${t}.participant_id`, '=', 'participate_participants.id'))),
          ),
        ),
      )
      .executeTakeFirst();
    return { counts: { [kind]: Number(r.numDeletedRows ?? 0) }, files: [] };
  },
};
