import type { Executor } from '../../db.ts';
import type { Deps } from '../../platform/deps.ts';
import { type DataKind, type PersonalDataPort, personalDataPorts, type RetentionPeriod } from '../../platform/personal-data.ts';

/** One entry of the register: a module's data kind, with the period in force (the office's, else the shipped one). */
export interface RegisterEntry {
  module: string;
  kind: DataKind;
  port: PersonalDataPort;
  period: RetentionPeriod | null;
  /** Whether the nightly purge applies it (the office may switch a kind off; kinds without a purger never run). */
  enabled: boolean;
  /** The office changed the shipped period. */
  overridden: boolean;
}

/** The register of personal data, built from every module's manifest and the office's retention settings. */
export async function dataRegister(deps: Deps, db: Executor = deps.db): Promise<RegisterEntry[]> {
  const settings = new Map((await db.selectFrom('privacy_retention').selectAll().execute()).map((r) => [r.kind, r]));
  return personalDataPorts(deps).flatMap(({ module, port }) =>
    port.kinds.map((kind) => {
      const s = settings.get(kind.key);
      const purgeable = !!port.purge && !!kind.defaultPeriod;
      return {
        module,
        kind,
        port,
        period: s ? { n: s.n, unit: s.unit } : kind.defaultPeriod,
        enabled: purgeable && (s ? s.enabled === 1 : true),
        overridden: !!s,
      };
    }),
  );
}

export async function registerEntry(deps: Deps, key: string): Promise<RegisterEntry | undefined> {
  return (await dataRegister(deps)).find((e) => e.kind.key === key);
}
