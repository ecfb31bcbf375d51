import type { Deps } from '../../platform/deps.ts';
import { type ErasureResult, eraseStaffLabels, isStaffLabel, type PersonalDataPort } from '../../platform/personal-data.ts';

// KPI's personal data for the privacy office: the staff who entered or corrected a service's monthly
// figures, known by the label each version carries (`Name <email>`). The figures are the agency's and
// stay; erasure removes who entered them, so every month, version and total stays as it was. Files
// kept between a dry run and the commit name their uploader by account id, not by label (identity
// pseudonymises the account).

const KIND = 'kpi.staff';
const LABELS = [
  ['kpi_figures', 'updated_by'],
  ['kpi_figure_versions', 'actor_label'],
] as const;

const like = (email: string) => `%<${email.trim().toLowerCase()}>`;

export const kpiPersonalData: PersonalDataPort = {
  kinds: [
    {
      key: KIND,
      label: 'kpi.privacy.staff',
      where: 'kpi_figures (updated_by), kpi_figure_versions (actor_label)',
      purpose: 'kpi.privacy.staff_purpose',
      basis: 'public_task',
      retention: 'kpi.privacy.staff_retention',
      defaultPeriod: null,
    },
  ],

  async export(deps: Deps, subject) {
    if (!subject.email) return [];
    const email = subject.email;
    // Every version they entered (the first entry or a correction, with its reason), not the figures' current state.
    const versions = (
      await deps.db
        .selectFrom('kpi_figure_versions as v')
        .innerJoin('kpi_figures as f', 'f.id', 'v.figure_id')
        .select([
          'f.service_id',
          'f.agency_id',
          'f.month',
          'v.version',
          'v.source',
          'v.reason',
          'v.values_json',
          'v.created_at',
          'v.actor_label as label',
        ])
        .where('v.actor_label', 'like', like(email))
        .orderBy('v.id')
        .execute()
    )
      .filter((r) => isStaffLabel(r.label, email))
      .map(({ label: _, values_json, ...r }) => ({ figures: { ...r, values: JSON.parse(values_json) as unknown } }));
    return [{ kind: KIND, records: versions, files: [] }];
  },

  async erase(trx, _deps, subject): Promise<ErasureResult> {
    if (!subject.email) return { counts: {}, files: [] };
    return { counts: { [KIND]: await eraseStaffLabels(trx, subject.email, LABELS) }, files: [] };
  },
};
