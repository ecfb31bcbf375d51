import type { Executor } from '../../db.ts';
import type { Deps } from '../../platform/deps.ts';
import { fieldError } from '../../platform/http/errors.ts';
import { findService, findServiceByIdentifier } from '../catalog/public.ts';
import * as repo from './participate.repo.ts';

// The catalog services a consultation concerns, named by identifier and looked up through the
// catalog's port. An identifier that names no service is refused on its field; the public sees only
// the services published in the catalog. (Plan initiatives are not linked: plan sits above
// participate in the module order, so participate cannot read it.)

/** A draft's service identifiers, resolved to ids; refuses the first that names no service. */
export async function resolveServices(deps: Deps, identifiers: string[]) {
  const out: { service_id: number; identifier: string }[] = [];
  for (const identifier of identifiers) {
    const s = await findServiceByIdentifier(deps.db, identifier);
    if (!s) fieldError('services', 'participate.validation.link_service', { key: identifier });
    out.push({ service_id: s.id, identifier });
  }
  return out;
}

/** A consultation's services as the draft form shows them: one identifier a line. */
export async function serviceField(db: Executor, consultationId: number) {
  return (await repo.listServiceLinks(db, consultationId)).map((l) => l.identifier).join('\n');
}

/** The services the public may follow: those published in the catalog, with their names. */
export async function publicServices(db: Executor, consultationId: number) {
  const out: { path: string; name_ar: string; name_en: string }[] = [];
  for (const l of await repo.listServiceLinks(db, consultationId)) {
    const s = await findService(db, l.service_id);
    if (s && s.published_version > 0) out.push({ path: `/services/${s.identifier}`, name_ar: s.name_ar, name_en: s.name_en });
  }
  return out;
}
