import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isApiRequest, setSessionCookie } from '../../platform/http/context.ts';
import { AppError, type FieldError, RateLimitedError } from '../../platform/http/errors.ts';
import { handleForm, langPath } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { safeNext, startSession } from './auth.service.ts';
import { findUser } from './identity.repo.ts';
import * as totp from './totp.service.ts';
import { EnrolPage, RecoveryCodesPage, SecondFactorPage, TwoFactorStatusPage } from './views/totp.views.tsx';

/** What a session that must set up an authenticator app may still reach: the set-up page and signing out. */
const REACHABLE_BEFORE_ENROLMENT = /^\/(ar|en)\/(account\/two-factor|sign-out)$/;

/**
 * Sends a session whose person must have an authenticator app and has none (a role or
 * SECOND_FACTOR_REQUIRED that came after the sign-in) to set it up before any page that needs a
 * session: pages redirect to /account/two-factor, the JSON API answers 403 (problem details).
 * Public pages and assets stay reachable. An onRequest hook on the root, added before any
 * module's routes (identity is the first module), after the platform's access check.
 */
export function secondFactorGate(app: FastifyInstance): void {
  const deps = app.deps;
  app.addHook('onRequest', async (req, reply) => {
    const actor = req.actor;
    if (actor?.kind !== 'user' || !actor.sessionId) return;
    const access = req.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    if (REACHABLE_BEFORE_ENROLMENT.test(req.routeOptions.url ?? '')) return;
    if (!(await totp.mustEnrolBeforeUse(deps, actor))) return;
    if (isApiRequest(req)) throw new AppError(403, 'totp.enrol_first');
    return reply.redirect(langPath(req, '/account/two-factor'), 303);
  });
}

/** The second step of a password sign-in, setting up an authenticator app, and one's own second factor. */
export async function totpPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const pub = { config: { access: 'public' as const } };
  const signedIn = { config: { access: 'signed-in' as const } };
  const cookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.config.baseUrl.startsWith('https://') };

  /** The person between their password and their code (or enrolment), or null when the cookie is missing, forged or old. */
  const pending = async (req: FastifyRequest, step: 'code' | 'enrol') => {
    const c = totp.readChallenge(deps.config, req.cookies[totp.CHALLENGE_COOKIE]);
    if (c?.s !== step) return null;
    const user = await findUser(deps.db, c.u);
    return user?.status === 'active' ? { user, next: c.next } : null;
  };
  const backToSignIn = (req: FastifyRequest, reply: FastifyReply) => reply.redirect(langPath(req, '/sign-in'), 303);
  /** Field errors and the throttle's 429 are shown on the form; anything else goes to the error handler. */
  const formErrors = (err: unknown): { errors: FieldError[]; status: number } => {
    if (err instanceof RateLimitedError) return { errors: [{ field: 'code', key: err.key, params: err.params }], status: 429 };
    if (err instanceof AppError && err.fieldErrors.length) return { errors: err.fieldErrors, status: err.status };
    throw err;
  };
  const signInAs = async (req: FastifyRequest, reply: FastifyReply, user: NonNullable<Awaited<ReturnType<typeof findUser>>>) => {
    const token = await startSession(deps, req.ctx, user, req.headers['user-agent'] ?? null);
    setSessionCookie(req, reply, token);
    reply.clearCookie(totp.CHALLENGE_COOKIE, cookie);
  };

  app.get('/sign-in/code', pub, async (req, reply) => {
    if (!(await pending(req, 'code'))) return backToSignIn(req, reply);
    return sendPage(req, reply, <SecondFactorPage />);
  });
  app.post('/sign-in/code', pub, async (req, reply) => {
    const p = await pending(req, 'code');
    if (!p) return backToSignIn(req, reply);
    try {
      await totp.verifySecondFactor(deps, req.ctx, p.user, formValues(req.body).code);
    } catch (err) {
      const { errors, status } = formErrors(err);
      return sendPage(req, reply, <SecondFactorPage errors={errors} />, status);
    }
    await signInAs(req, reply, p.user);
    return reply.redirect(safeNext(p.next, req.lang), 303);
  });

  // Program administrators without an authenticator app come here after their password, and get no session before it is set up.
  app.get('/sign-in/enrol', pub, async (req, reply) => {
    const p = await pending(req, 'enrol');
    if (!p) return backToSignIn(req, reply);
    const e = await totp.enrolment(deps, p.user);
    return sendPage(req, reply, <EnrolPage action="/sign-in/enrol" {...e} required />);
  });
  app.post('/sign-in/enrol', pub, async (req, reply) => {
    const p = await pending(req, 'enrol');
    if (!p) return backToSignIn(req, reply);
    let codes: string[];
    try {
      codes = await totp.confirmEnrolment(deps, req.ctx, p.user, formValues(req.body).code);
    } catch (err) {
      const { errors, status } = formErrors(err);
      const e = await totp.enrolment(deps, p.user);
      return sendPage(req, reply, <EnrolPage action="/sign-in/enrol" {...e} required errors={errors} />, status);
    }
    await signInAs(req, reply, p.user);
    return sendPage(req, reply, <RecoveryCodesPage codes={codes} next={safeNext(p.next, req.lang)} />);
  });

  const me = async (req: FastifyRequest) => {
    const u = req.actor.kind === 'user' ? await findUser(deps.db, req.actor.id) : undefined;
    if (!u) throw new AppError(401, 'error.unauthorized');
    return u;
  };
  const statusPage = async (req: FastifyRequest, errors?: FieldError[]) => {
    const u = await me(req);
    const left = await deps.db
      .selectFrom('totp_recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', u.id)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return <TwoFactorStatusPage left={Number(left.n)} required={await totp.requiresSecondFactor(deps, u.id)} errors={errors} />;
  };

  app.get('/account/two-factor', signedIn, async (req, reply) => {
    const u = await me(req);
    if (await totp.hasSecondFactor(deps.db, u.id)) return sendPage(req, reply, await statusPage(req));
    const required = await totp.requiresSecondFactor(deps, u.id);
    return sendPage(req, reply, <EnrolPage action="/account/two-factor" {...(await totp.enrolment(deps, u))} required={required} />);
  });
  app.post('/account/two-factor', signedIn, async (req, reply) => {
    const u = await me(req);
    try {
      const codes = await totp.confirmEnrolment(deps, req.ctx, u, formValues(req.body).code);
      return sendPage(req, reply, <RecoveryCodesPage codes={codes} next={langPath(req, '/account')} />);
    } catch (err) {
      const { errors, status } = formErrors(err);
      const required = await totp.requiresSecondFactor(deps, u.id);
      const e = await totp.enrolment(deps, u);
      return sendPage(req, reply, <EnrolPage action="/account/two-factor" {...e} required={required} errors={errors} />, status);
    }
  });
  app.post('/account/two-factor/disable', signedIn, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await totp.disableSecondFactor(deps, req.ctx, await me(req), values.code);
        return '/account';
      },
      flash: 'totp.account.disabled',
      rerender: (errors) => statusPage(req, errors),
    });
  });
}
