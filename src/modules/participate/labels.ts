import type { Disposition } from './participate.tables.ts';

/** Each disposition's name in the catalogs, written out so no key is built at run time. */
export const dispositionKeys = {
  accepted: 'participate.disposition.accepted',
  accepted_in_part: 'participate.disposition.accepted_in_part',
  not_accepted: 'participate.disposition.not_accepted',
  out_of_scope: 'participate.disposition.out_of_scope',
} as const satisfies Record<Disposition, string>;
