import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clearSessionCookie, setFlash, setSessionCookie } from '../../platform/http/context.ts';
import { AppError, RateLimitedError } from '../../platform/http/errors.ts';
import { handleForm, idParam, langPath } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import * as auth from './auth.service.ts';
import { findUser } from './identity.repo.ts';
import { signInProviders } from './oidc.pages.tsx';
import { providerOfSession } from './oidc.service.ts';
import { signInMethods, unlinkProvider } from './sign-in-methods.service.ts';
import { DEVICE_COOKIE } from './sign-in-throttle.ts';
import { CHALLENGE_COOKIE } from './totp.service.ts';
import * as users from './users.service.ts';
import { AccountPage, ForgotPage, RoleOfferPage, SetPasswordPage, SignInPage, UnlockPage } from './views/auth.views.tsx';

/** Sign in and out, forgotten passwords, invitations and one's own account. */
export async function authPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const pub = { config: { access: 'public' as const } };
  const signedIn = { config: { access: 'signed-in' as const } };
  const deviceCookieOptions = (maxAge: number) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.baseUrl.startsWith('https://'),
    maxAge,
  });

  app.get('/sign-in', pub, async (req, reply) => {
    const next = (req.query as Record<string, string>).next;
    if (req.actor.kind === 'user') return reply.redirect(auth.safeNext(next, req.lang), 303);
    return sendPage(req, reply, <SignInPage next={next} providers={await signInProviders(req)} />);
  });

  app.post('/sign-in', pub, async (req, reply) => {
    const values = formValues(req.body);
    try {
      const r = await auth.signIn(deps, req.ctx, values, req.headers['user-agent'] ?? null, req.cookies[DEVICE_COOKIE]);
      reply.setCookie(DEVICE_COOKIE, r.device.value, deviceCookieOptions(r.device.maxAgeSeconds));
      if (r.challenge) {
        reply.setCookie(CHALLENGE_COOKIE, r.challenge.value, deviceCookieOptions(r.challenge.maxAgeSeconds));
        return reply.redirect(langPath(req, r.step === 'code' ? '/sign-in/code' : '/sign-in/enrol'), 303);
      }
      if (r.token) setSessionCookie(req, reply, r.token);
      return reply.redirect(r.next, 303);
    } catch (err) {
      if (err instanceof AppError && (err.fieldErrors.length > 0 || err.status === 423 || err.status === 429)) {
        const errors = err.fieldErrors.length ? err.fieldErrors : [{ field: 'email', key: err.key, params: err.params }];
        if (err instanceof RateLimitedError) reply.header('retry-after', String(err.retryAfterSeconds));
        return sendPage(
          req,
          reply,
          <SignInPage
            values={{ email: values.email }}
            errors={errors}
            next={values.next as string}
            offerUnlock={err.status === 423}
            providers={await signInProviders(req)}
          />,
          err.status,
        );
      }
      throw err;
    }
  });

  // Someone else's failed attempts stopped this source: the owner gets an emailed link for this browser.
  app.post('/sign-in/unlock', pub, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await auth.requestUnlock(deps, req.ctx, values);
        return '/sign-in';
      },
      flash: 'auth.unlock.sent',
      rerender: async (errors) => (
        <SignInPage values={{ email: values.email }} errors={errors} offerUnlock providers={await signInProviders(req)} />
      ),
    });
  });
  app.get('/sign-in/unlock/:token', pub, async (req, reply) => {
    const { token } = req.params as { token: string };
    const { user } = await auth.checkUserToken(deps, 'unlock', token);
    return sendPage(req, reply, <UnlockPage token={token} email={user.email} />);
  });
  app.post('/sign-in/unlock/:token', pub, async (req, reply) => {
    const { token } = req.params as { token: string };
    const device = await auth.unlockBrowser(deps, req.ctx, token);
    reply.setCookie(DEVICE_COOKIE, device.value, deviceCookieOptions(device.maxAgeSeconds));
    setFlash(req, reply, 'auth.unlock.done');
    return reply.redirect(langPath(req, '/sign-in'), 303);
  });

  // A session opened with a provider can also end at the provider (RP-initiated logout), when it has an end-session endpoint.
  app.post('/sign-out', signedIn, async (req, reply) => {
    const provider = req.sessionToken ? await providerOfSession(deps, req.sessionToken) : null;
    await auth.signOut(deps, req.ctx, req.sessionToken);
    clearSessionCookie(req, reply);
    // A page with a link to the provider, not a redirect: the form's CSP (form-action 'self') stops redirects elsewhere.
    if (provider) return reply.redirect(langPath(req, `/signed-out?provider=${provider.id}`), 303);
    setFlash(req, reply, 'auth.signed_out');
    return reply.redirect(langPath(req, '/'), 303);
  });

  app.get('/password/forgot', pub, async (req, reply) =>
    sendPage(req, reply, <ForgotPage sent={(req.query as Record<string, string>).sent === '1'} />),
  );
  app.post('/password/forgot', pub, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await auth.requestPasswordReset(deps, req.ctx, values);
        return '/password/forgot?sent=1';
      },
      rerender: (errors) => <ForgotPage values={values} errors={errors} />,
    });
  });

  for (const purpose of ['reset', 'invite'] as const) {
    const path = purpose === 'reset' ? '/password/reset/:token' : '/invitation/:token';
    app.get(path, pub, async (req, reply) => {
      const { token } = req.params as { token: string };
      const { user } = await auth.checkUserToken(deps, purpose, token);
      return sendPage(req, reply, <SetPasswordPage purpose={purpose} token={token} email={user.email} />);
    });
    app.post(path, pub, async (req, reply) => {
      const { token } = req.params as { token: string };
      const { user } = await auth.checkUserToken(deps, purpose, token);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          if (purpose === 'reset') {
            await auth.resetPassword(deps, req.ctx, token, values);
            return '/sign-in';
          }
          const r = await auth.acceptInvitation(deps, req.ctx, token, values, req.headers['user-agent'] ?? null);
          if (r.challenge) {
            reply.setCookie(CHALLENGE_COOKIE, r.challenge.value, deviceCookieOptions(r.challenge.maxAgeSeconds));
            return '/sign-in/enrol';
          }
          if (r.token) setSessionCookie(req, reply, r.token);
          return '/console';
        },
        flash: purpose === 'reset' ? 'auth.reset.done' : 'auth.invite.done',
        rerender: (errors) => <SetPasswordPage purpose={purpose} token={token} email={user.email} errors={errors} />,
      });
    });
  }

  // A role offered by an administrator who does not manage this person: accepted only by them, signed in.
  app.get('/role-offer/:token', signedIn, async (req, reply) => {
    const { token } = req.params as { token: string };
    const { offer, agency } = await users.checkRoleOffer(deps, req.ctx, token);
    return sendPage(req, reply, <RoleOfferPage token={token} role={offer.role} agency={agency} />);
  });
  app.post('/role-offer/:token', signedIn, async (req, reply) => {
    const { token } = req.params as { token: string };
    await users.acceptRoleOffer(deps, req.ctx, token);
    setFlash(req, reply, 'offer.accepted');
    return reply.redirect(langPath(req, '/console'), 303);
  });

  const account = async (req: FastifyRequest) => {
    if (req.actor.kind !== 'user') throw new AppError(401, 'error.unauthorized');
    const u = await findUser(deps.db, req.actor.id);
    return { name: u?.name ?? '', email: u?.email ?? '', locale: u?.locale ?? 'ar', signIn: await signInMethods(deps, req.actor.id) };
  };

  app.get('/account', signedIn, async (req, reply) => sendPage(req, reply, <AccountPage {...(await account(req))} />));
  app.post('/account/profile', signedIn, async (req, reply) => {
    const values = formValues(req.body);
    const me = await account(req);
    return handleForm(req, reply, {
      action: async () => {
        await auth.updateProfile(deps, req.ctx, values);
        return '/account';
      },
      flash: 'flash.saved',
      rerender: (errors) => <AccountPage {...me} name={String(values.name ?? '')} profileErrors={errors} />,
    });
  });
  // The person unlinks a provider identity from their own account (sessions opened with it end, but this one).
  app.post('/account/providers/:link/unlink', signedIn, async (req, reply) => {
    const me = await account(req);
    const link = idParam(req, 'link');
    return handleForm(req, reply, {
      action: async () => {
        await unlinkProvider(deps, req.ctx, (req.actor as { id: number }).id, link);
        return '/account';
      },
      flash: 'oidc.unlinked',
      rerender: (errors) => <AccountPage {...me} signInErrors={errors} />,
    });
  });
  app.post('/account/password', signedIn, async (req, reply) => {
    const values = formValues(req.body);
    const me = await account(req);
    return handleForm(req, reply, {
      action: async () => {
        await auth.changePassword(deps, req.ctx, values);
        return '/account';
      },
      flash: 'account.password_changed',
      rerender: (errors) => <AccountPage {...me} passwordErrors={errors} />,
    });
  });
}
