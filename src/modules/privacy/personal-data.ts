import type { ErasureResult, PersonalDataPort } from '../../platform/personal-data.ts';

// The privacy office's own personal data: addresses that asked for a code, and the requests people
// made. Requests are the controller's proof that it answered, so erasure keeps them (their text is
// about the request, not the person's other data); verification attempts go.

const VERIFICATION_KIND = 'privacy.verification';
const REQUEST_KIND = 'privacy.request';

export const privacyPersonalData: PersonalDataPort = {
  readActions: ['privacy.request_read'],
  kinds: [
    {
      key: REQUEST_KIND,
      label: 'privacy.kind.request',
      where: 'privacy_requests (email, details), privacy_request_events',
      purpose: 'privacy.kind.request_purpose',
      basis: 'legal_obligation',
      retention: 'privacy.kind.request_retention',
      defaultPeriod: null,
    },
    {
      key: VERIFICATION_KIND,
      label: 'privacy.kind.verification',
      where: 'privacy_verifications (email; the code only as a keyed hash)',
      purpose: 'privacy.kind.verification_purpose',
      basis: 'legal_obligation',
      retention: 'privacy.kind.verification_retention',
      defaultPeriod: { n: 30, unit: 'days' },
    },
  ],

  async export(deps, subject) {
    const requests = subject.email
      ? await deps.db.selectFrom('privacy_requests').selectAll().where('email', '=', subject.email).orderBy('id').execute()
      : [];
    return [
      {
        kind: REQUEST_KIND,
        records: requests.map((r) => ({
          kind: r.kind,
          record: r.record_ref,
          details: r.details,
          status: r.status,
          received_at: r.created_at,
          due_at: r.due_at,
          closed_at: r.closed_at,
        })),
        files: [],
      },
    ];
  },

  async erase(trx, _deps, subject): Promise<ErasureResult> {
    if (!subject.email) return { counts: {}, files: [] };
    const r = await trx.deleteFrom('privacy_verifications').where('email', '=', subject.email).executeTakeFirst();
    return { counts: { [VERIFICATION_KIND]: Number(r.numDeletedRows ?? 0) }, files: [] };
  },

  async purge(trx, _deps, kind, cutoff): Promise<ErasureResult> {
    if (kind !== VERIFICATION_KIND) return { counts: {}, files: [] };
    const r = await trx.deleteFrom('privacy_verifications').where('created_at', '<', cutoff).executeTakeFirst();
    return { counts: { [kind]: Number(r.numDeletedRows ?? 0) }, files: [] };
  },
};
