import type { ServiceData } from './catalog.schema.ts';

export type MissingPart = 'description' | 'channels' | 'requirements' | 'processing_time' | 'categories' | 'outputs';

/** What a record still lacks before a beneficiary can act on it (empty = complete). */
export function missingParts(d: ServiceData): MissingPart[] {
  const missing: MissingPart[] = [];
  if (d.description.ar.length < 40 || d.description.en.length < 40) missing.push('description');
  if (!d.channels?.some((c) => c.url || c.phone)) missing.push('channels');
  if (d.requirements.length === 0 && d.documents.length === 0) missing.push('requirements');
  if (!d.processing_time) missing.push('processing_time');
  if (d.categories.length === 0) missing.push('categories');
  if (d.outputs.length === 0) missing.push('outputs');
  return missing;
}

export const isComplete = (d: ServiceData) => missingParts(d).length === 0;

/** Yusr's own fields a draft imported from another system may lack; publication refuses until they are there. */
export type PublicationNeed = 'audiences' | 'channels' | 'maturity' | 'status';

/** What publication still needs (an imported incomplete draft's checklist); empty for any valid record. */
export function publicationNeeds(d: Partial<ServiceData>): PublicationNeed[] {
  const needs: PublicationNeed[] = [];
  if (!d.audiences?.length) needs.push('audiences');
  if (!d.channels?.length) needs.push('channels');
  if (!d.maturity) needs.push('maturity');
  if (!d.status) needs.push('status');
  return needs;
}
