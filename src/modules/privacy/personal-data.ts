import type { Executor } from '../../db.ts';
import { ERASED, type ErasureResult, type PersonalDataPort } from '../../platform/personal-data.ts';
import { consentRegister, eraseConsents, exportConsents, purgeWithdrawnConsents } from './consents.service.ts';

// The privacy office's own personal data: addresses that asked for a code, and the requests people
// made. Requests are the controller's proof that it answered, so erasure keeps them (their text is
// about the request, not the person's other data); verification attempts go.
//
// The platform's outbox (`messages`) belongs to no module, so the privacy office answers for it:
// every email sent or waiting for the address is in the archive, and erasure keeps each row (its
// source, reference, status and times, so delivery reports keep adding up) under an address that
// reaches nobody, without its subject, text or headers; what was still waiting is cancelled. The
// erasure request's own answer is queued after every module has erased, so it still reaches them.

const OUTBOX_KIND = 'privacy.outbox';
const OUTBOX_ADDRESS = 'erased@erased.invalid';

/** The outbox rows addressed to the subject's address (addresses are matched without case). */
const outboxOf = (db: Executor, email: string) =>
  db.selectFrom('messages').where((eb) => eb(eb.fn('lower', ['to_address']), '=', email.trim().toLowerCase()));

const VERIFICATION_KIND = 'privacy.verification';
const REQUEST_KIND = 'privacy.request';
const CONSENT_KIND = 'privacy.consent';

export const privacyPersonalData: PersonalDataPort = {
  consents: consentRegister,
  readActions: ['privacy.request_read'],
  kinds: [
    {
      key: REQUEST_KIND,
      label: 'privacy.kind.request',
      where: 'privacy_requests (email, phone, details), privacy_request_events',
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
    {
      key: CONSENT_KIND,
      label: 'privacy.kind.consent',
      where: 'privacy_consents (email, what and when), privacy_consent_wordings (the wording shown, which may hold the name)',
      purpose: 'privacy.kind.consent_purpose',
      basis: 'legal_obligation',
      retention: 'privacy.kind.consent_retention',
      // Proof of a withdrawn consent is kept three years after the withdrawal, then deleted.
      defaultPeriod: { n: 3, unit: 'years' },
    },
    {
      key: OUTBOX_KIND,
      label: 'privacy.kind.outbox',
      where: 'messages (to_address, subject, text_body, html_body, headers_json)',
      purpose: 'privacy.kind.outbox_purpose',
      basis: 'public_task',
      retention: 'privacy.kind.outbox_retention',
      defaultPeriod: null,
    },
  ],

  async export(deps, subject) {
    const requests = subject.email
      ? await deps.db.selectFrom('privacy_requests').selectAll().where('email', '=', subject.email).orderBy('id').execute()
      : [];
    const sent = subject.email
      ? await outboxOf(deps.db, subject.email)
          .select(['channel', 'source', 'subject', 'text_body', 'status', 'created_at', 'sent_at'])
          .orderBy('id')
          .execute()
      : [];
    const consents = subject.email ? await exportConsents(deps.db, subject.email.trim().toLowerCase()) : [];
    return [
      { kind: CONSENT_KIND, records: consents, files: [] },
      {
        kind: OUTBOX_KIND,
        records: sent.map((m) => ({
          channel: m.channel,
          source: m.source,
          subject: m.subject,
          text: m.text_body,
          status: m.status,
          queued_at: m.created_at,
          sent_at: m.sent_at,
        })),
        files: [],
      },
      {
        kind: REQUEST_KIND,
        records: requests.map((r) => ({
          kind: r.kind,
          ...(r.phone ? { phone: r.phone } : {}),
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
    const to = subject.email.trim().toLowerCase();
    const consents = await eraseConsents(trx, to);
    await trx
      .updateTable('messages')
      .set({ status: 'failed', locked_until: null, last_error: 'cancelled: erased' })
      .where((eb) => eb(eb.fn('lower', ['to_address']), '=', to))
      .where('status', '=', 'queued')
      .executeTakeFirst();
    const outbox = await trx
      .updateTable('messages')
      .set({ to_address: OUTBOX_ADDRESS, subject: ERASED, text_body: ERASED, html_body: null, headers_json: null })
      .where((eb) => eb(eb.fn('lower', ['to_address']), '=', to))
      .executeTakeFirst();
    return {
      counts: {
        [VERIFICATION_KIND]: Number(r.numDeletedRows ?? 0),
        [CONSENT_KIND]: consents,
        [OUTBOX_KIND]: Number(outbox.numUpdatedRows ?? 0),
      },
      files: [],
    };
  },

  async purge(trx, _deps, kind, cutoff): Promise<ErasureResult> {
    if (kind === CONSENT_KIND) return { counts: { [kind]: await purgeWithdrawnConsents(trx, cutoff) }, files: [] };
    if (kind !== VERIFICATION_KIND) return { counts: {}, files: [] };
    const r = await trx.deleteFrom('privacy_verifications').where('created_at', '<', cutoff).executeTakeFirst();
    return { counts: { [kind]: Number(r.numDeletedRows ?? 0) }, files: [] };
  },
};
