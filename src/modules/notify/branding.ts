import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { acceptUpload } from '../../platform/storage/sniff.ts';
import { getAgency } from '../identity/public.ts';
import { notifyPolicy } from './notify.policy.ts';

/** Logos are small pictures shown at the top of an agency's emails. */
export const LOGO_MAX_BYTES = 200 * 1024;
const LOGO_KINDS = ['png', 'jpg', 'gif'] as const;

async function brandingOf(deps: Deps, agencyId: number) {
  return deps.db.selectFrom('notify_agency_branding').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
}

/**
 * The absolute address of an agency's logo, or undefined. The same address for every recipient
 * (it names the picture's content, never the reader), so it cannot track who opened an email.
 */
export async function logoUrlOf(deps: Deps, agencyId: number): Promise<string | undefined> {
  const b = await brandingOf(deps, agencyId);
  if (!b) return undefined;
  return `${deps.config.baseUrl}/notify/logos/${agencyId}-${b.logo_sha256.slice(0, 16)}.${b.logo_key.split('.').pop()}`;
}

/** Replaces an agency's email logo (its administrator or the program office). */
export async function setLogo(deps: Deps, ctx: Ctx, agencyId: number, file: unknown) {
  await getAgency(deps, agencyId);
  authorize(notifyPolicy.branding(ctx.actor, agencyId));
  const data = Buffer.isBuffer(file) ? file : Buffer.alloc(0);
  const kind = acceptUpload('logo', data, LOGO_KINDS, LOGO_MAX_BYTES);
  const stored = await deps.storage.put(data, kind.ext);
  const before = await brandingOf(deps, agencyId);
  await deps.db.transaction().execute(async (trx) => {
    const row = { logo_key: stored.key, logo_mime: kind.mime, logo_sha256: stored.sha256, updated_at: nowIso() };
    await trx
      .insertInto('notify_agency_branding')
      .values({ agency_id: agencyId, ...row })
      .onConflict((oc) => oc.column('agency_id').doUpdateSet(row))
      .execute();
    await recordAudit(trx, ctx, { action: 'notify.logo_set', recordType: 'agency', recordId: agencyId, agencyId, before, after: row });
  });
}

/** Serves logos: public, immutable (the file name changes with the picture). */
export async function logoRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  app.get('/notify/logos/:file', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const m = /^(\d{1,10})-([0-9a-f]{16})\.(png|jpg|gif)$/.exec((req.params as { file: string }).file);
    const b = m ? await brandingOf(deps, Number(m[1])) : undefined;
    if (!m || !b?.logo_sha256.startsWith(m[2])) throw new NotFoundError();
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(b.logo_mime)
      .send(await deps.storage.get(b.logo_key));
  });
}
