import { recordAudit } from '../../platform/audit/audit.ts';
import { type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { retryJob as requeueJob } from '../../platform/jobs/jobs.ts';
import { retryMessage as requeueMessage } from '../../platform/messaging/messaging.ts';
import { countAgencies } from '../identity/public.ts';

export const consolePolicy = {
  readAudit: (ctx: Ctx) => hasRole(ctx.actor, 'program_admin', 'agency_admin'),
  operate: (ctx: Ctx) => hasRole(ctx.actor, 'program_admin'),
};

export interface AuditFilter {
  actor?: string;
  action?: string;
  record_type?: string;
  record_id?: string;
  agency?: number;
  from?: string;
  to?: string;
  before?: number;
}

/** The audit trail, newest first, keyset-paginated; agency administrators see their own agency's records only. */
export async function listAudit(deps: Deps, ctx: Ctx, f: AuditFilter, limit = 50) {
  authorize(consolePolicy.readAudit(ctx));
  let q = deps.db.selectFrom('audit_log').selectAll();
  if (!hasRole(ctx.actor, 'program_admin')) {
    const mine =
      ctx.actor.kind === 'user' ? ctx.actor.memberships.filter((m) => m.role === 'agency_admin').map((m) => m.agencyId as number) : [];
    q = q.where('agency_id', 'in', mine.length ? mine : [-1]);
  }
  if (f.actor) q = q.where('actor_label', 'like', `%${f.actor}%`);
  if (f.action) q = q.where('action', 'like', `${f.action}%`);
  if (f.record_type) q = q.where('record_type', '=', f.record_type);
  if (f.record_id) q = q.where('record_id', '=', f.record_id);
  if (f.agency) q = q.where('agency_id', '=', f.agency);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.before) q = q.where('seq', '<', f.before);
  const rows = await q
    .orderBy('seq', 'desc')
    .limit(limit + 1)
    .execute();
  return { items: rows.slice(0, limit), nextBefore: rows.length > limit ? rows[limit - 1].seq : null };
}

export interface MessageFilter {
  status?: string;
  channel?: string;
  to?: string;
  source?: string;
}

/** The outgoing messages (the local outbox when no SMTP server is configured). */
export async function listMessages(deps: Deps, ctx: Ctx, f: MessageFilter, page = 1, pageSize = 50) {
  authorize(consolePolicy.operate(ctx));
  let q = deps.db
    .selectFrom('messages')
    .select([
      'id',
      'channel',
      'to_address',
      'subject',
      'status',
      'transport',
      'attempts',
      'last_error',
      'created_at',
      'sent_at',
      'source',
      'locale',
    ]);
  if (f.status) q = q.where('status', '=', f.status as 'queued');
  if (f.channel) q = q.where('channel', '=', f.channel as 'email');
  if (f.to) q = q.where('to_address', 'like', `%${f.to.toLowerCase()}%`);
  if (f.source) q = q.where('source', '=', f.source);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}

export async function getMessage(deps: Deps, ctx: Ctx, id: number) {
  authorize(consolePolicy.operate(ctx));
  const m = await deps.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw new NotFoundError();
  return m;
}

export async function listJobs(deps: Deps, ctx: Ctx, status: string | undefined, page = 1, pageSize = 50) {
  authorize(consolePolicy.operate(ctx));
  let q = deps.db.selectFrom('jobs').selectAll();
  if (status) q = q.where('status', '=', status as 'pending');
  const rows = await q
    .orderBy('id', 'desc')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}

/** Puts a parked job back in the queue. */
export async function retryJob(deps: Deps, ctx: Ctx, id: number) {
  authorize(consolePolicy.operate(ctx));
  await deps.db.transaction().execute(async (trx) => {
    if (!(await requeueJob(trx, id))) throw new NotFoundError();
    await recordAudit(trx, ctx, { action: 'job.retry', recordType: 'job', recordId: id });
  });
}

/** Queues a failed message again. */
export async function retryMessage(deps: Deps, ctx: Ctx, id: number) {
  authorize(consolePolicy.operate(ctx));
  await deps.db.transaction().execute(async (trx) => {
    if (!(await requeueMessage(trx, id))) throw new NotFoundError();
    await recordAudit(trx, ctx, { action: 'message.retry', recordType: 'message', recordId: id });
  });
}

/** Headline counts for the console's first page. */
export async function overview(deps: Deps, ctx: Ctx) {
  const countUsers = async () =>
    Number((await deps.db.selectFrom('users').select(deps.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const ops = consolePolicy.operate(ctx);
  const parked = ops
    ? Number(
        (
          await deps.db
            .selectFrom('jobs')
            .select(deps.db.fn.countAll<number>().as('n'))
            .where('status', '=', 'parked')
            .executeTakeFirstOrThrow()
        ).n,
      )
    : 0;
  const failed = ops
    ? Number(
        (
          await deps.db
            .selectFrom('messages')
            .select(deps.db.fn.countAll<number>().as('n'))
            .where('status', '=', 'failed')
            .executeTakeFirstOrThrow()
        ).n,
      )
    : 0;
  return { agencies: await countAgencies(deps.db), users: ops ? await countUsers() : null, parked, failed };
}
