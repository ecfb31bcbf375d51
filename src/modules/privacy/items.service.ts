import type { MessageKey } from '../../messages.ts';
import type { Deps } from '../../platform/deps.ts';
import { personalDataPorts, type Subject } from '../../platform/personal-data.ts';
import { collectArchive } from './requests.service.ts';

/** One kind of the person's items: its register label and its records, as the archive holds them. */
export interface ItemKind {
  kind: string;
  label: MessageKey;
  records: Record<string, unknown>[];
}

/**
 * "My items": everything Yusr holds about the verified subject — subscriptions, cases, ratings,
 * consultation comments, training registrations, requests — gathered through each module's
 * personal-data port (the very export the download uses, so the page and the archive cannot
 * disagree), in module order; kinds with no record are left out.
 */
export async function myItems(deps: Deps, subject: Subject): Promise<ItemKind[]> {
  const labels = new Map(personalDataPorts(deps).flatMap(({ port }) => port.kinds.map((k) => [k.key, k.label] as const)));
  const { document } = await collectArchive(deps, subject);
  return document.modules.flatMap((m) =>
    m.kinds
      .filter((k) => k.records.length > 0)
      .map((k) => ({ kind: k.kind, label: labels.get(k.kind) ?? ('privacy.items.other' as MessageKey), records: k.records })),
  );
}
