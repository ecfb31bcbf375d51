import type { Deps } from '../../platform/deps.ts';
import { type ErasureResult, eraseStaffLabels, isStaffLabel, type PersonalDataPort } from '../../platform/personal-data.ts';

// The catalog's personal data for the privacy office: the staff who saved a service's draft, asked
// for it to be reviewed or published a version, known by the label those actions carry
// (`Name <email>`). The service records are the agency's and stay; erasure removes who did it, so
// every version, draft and date stays as it was.

const KIND = 'catalog.staff';
const LABELS = [
  ['services', 'draft_updated_by'],
  ['services', 'review_requested_by'],
  ['service_versions', 'published_by'],
] as const;

const like = (email: string) => `%<${email.trim().toLowerCase()}>`;

export const catalogPersonalData: PersonalDataPort = {
  kinds: [
    {
      key: KIND,
      label: 'catalog.privacy.staff',
      where: 'services (draft_updated_by, review_requested_by), service_versions (published_by)',
      purpose: 'catalog.privacy.staff_purpose',
      basis: 'public_task',
      retention: 'catalog.privacy.staff_retention',
      defaultPeriod: null,
    },
  ],

  async export(deps: Deps, subject) {
    if (!subject.email) return [];
    const email = subject.email;
    const drafts = (
      await deps.db
        .selectFrom('services')
        .select([
          'identifier',
          'name_ar',
          'name_en',
          'draft_updated_at',
          'draft_updated_by',
          'review_requested_at',
          'review_requested_by',
          'review_note',
        ])
        .where((eb) => eb.or([eb('draft_updated_by', 'like', like(email)), eb('review_requested_by', 'like', like(email))]))
        .orderBy('id')
        .execute()
    )
      .filter((s) => isStaffLabel(s.draft_updated_by, email) || isStaffLabel(s.review_requested_by, email))
      .map((s) => ({
        service: s.identifier,
        name_ar: s.name_ar,
        name_en: s.name_en,
        ...(isStaffLabel(s.draft_updated_by, email) ? { draft_saved_at: s.draft_updated_at } : {}),
        ...(isStaffLabel(s.review_requested_by, email) ? { review_requested_at: s.review_requested_at, review_note: s.review_note } : {}),
      }));
    const published = (
      await deps.db
        .selectFrom('service_versions as v')
        .innerJoin('services as s', 's.id', 'v.service_id')
        .select(['s.identifier as service', 'v.version', 'v.published_at', 'v.note', 'v.published_by as label'])
        .where('v.published_by', 'like', like(email))
        .orderBy('v.id')
        .execute()
    )
      .filter((v) => isStaffLabel(v.label, email))
      .map(({ label: _, ...v }) => v);
    return [
      {
        kind: KIND,
        records: [...drafts.map((draft) => ({ draft })), ...published.map((publication) => ({ publication }))],
        files: [],
      },
    ];
  },

  async erase(trx, _deps, subject): Promise<ErasureResult> {
    if (!subject.email) return { counts: {}, files: [] };
    return { counts: { [KIND]: await eraseStaffLabels(trx, subject.email, LABELS) }, files: [] };
  },
};
