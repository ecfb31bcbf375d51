import type { Deps } from '../../platform/deps.ts';
import { type ErasureResult, eraseStaffLabels, isStaffLabel, type PersonalDataPort } from '../../platform/personal-data.ts';

// Availability's personal data for the privacy office: the staff who added a probe, known by the
// label it carries (`Name <email>`). The probe and its results are the agency's and stay; erasure
// removes who added it, so uptime and incidents do not move.

const KIND = 'availability.staff';
const LABELS = [['availability_probes', 'created_by']] as const;

export const availabilityPersonalData: PersonalDataPort = {
  kinds: [
    {
      key: KIND,
      label: 'availability.privacy.staff',
      where: 'availability_probes (created_by)',
      purpose: 'availability.privacy.staff_purpose',
      basis: 'public_task',
      retention: 'availability.privacy.staff_retention',
      defaultPeriod: null,
    },
  ],

  async export(deps: Deps, subject) {
    if (!subject.email) return [];
    const email = subject.email;
    const probes = (
      await deps.db
        .selectFrom('availability_probes')
        .select(['id', 'agency_id', 'service_id', 'channel', 'url', 'created_at', 'created_by as label'])
        .where('created_by', 'like', `%<${email.trim().toLowerCase()}>`)
        .orderBy('id')
        .execute()
    )
      .filter((p) => isStaffLabel(p.label, email))
      .map(({ label: _, ...probe }) => ({ probe }));
    return [{ kind: KIND, records: probes, files: [] }];
  },

  async erase(trx, _deps, subject): Promise<ErasureResult> {
    if (!subject.email) return { counts: {}, files: [] };
    return { counts: { [KIND]: await eraseStaffLabels(trx, subject.email, LABELS) }, files: [] };
  },
};
