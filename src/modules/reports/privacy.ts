import type { PersonalDataPort } from '../../platform/personal-data.ts';

// Reports' personal data: the names and addresses the program office adds to the leadership report's
// recipients (people with the leadership role are identity's accounts, not held here). Erasure
// removes the address from the list; reports already sent keep no copy of it (the outbox is the platform's).

/** The kind's key in the register (a name, not a message: its label is below). */
const RECIPIENT_KIND = 'reports.recipient';

export const reportsPersonalData: PersonalDataPort = {
  kinds: [
    {
      key: RECIPIENT_KIND,
      label: 'reports.privacy.recipient',
      where: 'reports_recipients (name, email, lang)',
      purpose: 'reports.privacy.recipient_purpose',
      basis: 'public_task',
      retention: 'reports.privacy.recipient_retention',
      defaultPeriod: null,
      correction: 'reports.privacy.recipient_correction',
    },
  ],
  async export(deps, subject) {
    if (!subject.email) return [];
    const rows = await deps.db
      .selectFrom('reports_recipients')
      .select(['name', 'email', 'lang', 'created_at'])
      .where('email', '=', subject.email.toLowerCase())
      .execute();
    return rows.length ? [{ kind: RECIPIENT_KIND, records: rows, files: [] }] : [];
  },
  async erase(trx, _deps, subject) {
    if (!subject.email) return { counts: {}, files: [] as string[] };
    const r = await trx.deleteFrom('reports_recipients').where('email', '=', subject.email.toLowerCase()).executeTakeFirst();
    const counts: Record<string, number> = {};
    if (Number(r.numDeletedRows)) counts[RECIPIENT_KIND] = Number(r.numDeletedRows);
    return { counts, files: [] };
  },
};
