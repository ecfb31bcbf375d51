import type { ServiceData } from './catalog.schema.ts';

export type MissingPart = 'description' | 'channels' | 'requirements' | 'processing_time' | 'categories' | 'outputs';

/** What a record still lacks before a beneficiary can act on it (empty = complete). */
export function missingParts(d: ServiceData): MissingPart[] {
  const missing: MissingPart[] = [];
  if (d.description.ar.length < 40 || d.description.en.length < 40) missing.push('description');
  if (!d.channels.some((c) => c.url || c.phone)) missing.push('channels');
  if (d.requirements.length === 0 && d.documents.length === 0) missing.push('requirements');
  if (!d.processing_time) missing.push('processing_time');
  if (d.categories.length === 0) missing.push('categories');
  if (d.outputs.length === 0) missing.push('outputs');
  return missing;
}

export const isComplete = (d: ServiceData) => missingParts(d).length === 0;
