import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nowIso } from '../../platform/db/time.ts';
import { setFlash } from '../../platform/http/context.ts';
import { type FieldError, NotFoundError } from '../../platform/http/errors.ts';
import { handleForm, idParam, pageParam, queryFilters } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import type { Subject } from '../../platform/personal-data.ts';
import { sendPage } from '../../platform/views/render.tsx';
import {
  BENEFICIARY_OIDC_COOKIE,
  beneficiaryPendingLang,
  beneficiaryProviderOf,
  beneficiaryProviders,
  finishBeneficiarySignIn,
  OidcRefused,
  startBeneficiarySignIn,
} from '../identity/public.ts';
import { backfillPriorConsents, consentsOf, priorConsentCounts, withdrawOwnConsent } from './consents.service.ts';
import { myItems } from './items.service.ts';
import { accessLog, createBreach, findBreach, listBreaches, updateBreach } from './office.service.ts';
import { dataRegister, registerEntry } from './register.ts';
import * as requests from './requests.service.ts';
import { purgeRuns, runPurge, setRetention } from './retention.service.ts';
import { AccessPage, BreachesPage, BreachForm, RetentionForm, RetentionPage } from './views/office.views.tsx';
import { RegisterPage } from './views/register.views.tsx';
import { RequestPage, RequestsPage } from './views/requests.views.tsx';
import { CodePage, EmailPage, SignInRefusedPage, SubjectPage } from './views/subject.views.tsx';

/** The cookie that lets a browser act for a verified address for an hour (a signed, expiring token). */
export const SUBJECT_COOKIE = 'yusr_privacy';
/** The program office runs the privacy pages. */
export const OFFICE_ROLES = ['program_admin'] as const;

export async function privacyPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const open = { config: { access: 'public' as const } };
  const office = { config: { access: { roles: OFFICE_ROLES } } };
  const cookieOpts = (maxAge?: number) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.baseUrl.startsWith('https://'),
    ...(maxAge !== undefined ? { maxAge } : {}),
  });
  const sessionOf = (req: FastifyRequest) => requests.subjectSession(deps, req.cookies[SUBJECT_COOKIE]);
  const subjectOf = (req: FastifyRequest) => sessionOf(req)?.subject ?? null;
  const mustSubject = (req: FastifyRequest, reply: FastifyReply) => {
    const s = subjectOf(req);
    if (!s) {
      setFlash(req, reply, 'privacy.flash.verify_again');
      reply.redirect(`/${req.lang}/my-data`, 303);
    }
    return s;
  };

  // ---- The person's pages ----
  const providers = () => beneficiaryProviders(deps.config).map((p) => ({ id: p.id, name: p.name }));
  const subjectPage = async (
    req: FastifyRequest,
    session: { subject: Subject & { email: string }; via: string | null },
    extra: Pick<Parameters<typeof SubjectPage>[0], 'values' | 'errors' | 'form'> = {},
  ) => {
    const { subject, via } = session;
    const provider = via ? deps.config.oidcProviders.find((p) => p.id === via) : undefined;
    return (
      <SubjectPage
        email={subject.email}
        phone={subject.phone}
        via={provider?.name[req.lang]}
        items={await myItems(deps, subject)}
        consents={await consentsOf(deps, subject)}
        requests={await requests.requestsOf(deps, subject)}
        {...extra}
      />
    );
  };
  const withEmail = (s: ReturnType<typeof sessionOf>) =>
    s?.subject.email ? { subject: { ...s.subject, email: s.subject.email }, via: s.via } : null;
  app.get('/my-data', open, async (req, reply) => {
    const s = withEmail(sessionOf(req));
    return sendPage(req, reply, s ? await subjectPage(req, s) : <EmailPage providers={providers()} />);
  });
  // Beneficiary sign-in with the national provider (optional): a link to the provider, back at /my-data/oidc/<id>/callback.
  app.get('/my-data/sign-in/:provider', open, async (req, reply) => {
    const start = await startBeneficiarySignIn(deps.config, String((req.params as { provider: string }).provider), req.lang);
    reply.setCookie(BENEFICIARY_OIDC_COOKIE, start.cookie, cookieOpts(start.maxAgeSeconds));
    return reply.redirect(start.url, 303);
  });
  app.post('/my-data', open, async (req, reply) => {
    const values = formValues(req.body);
    try {
      const pending = await requests.requestCode(deps, req.ctx, values);
      return sendPage(req, reply, <CodePage pending={pending} />);
    } catch (err) {
      const e = err as { status?: number; fieldErrors?: FieldError[] };
      if (e.status === 400 && e.fieldErrors)
        return sendPage(req, reply, <EmailPage values={values} errors={e.fieldErrors} providers={providers()} />, 400);
      throw err;
    }
  });
  app.post('/my-data/verify', open, async (req, reply) => {
    const { pending, ...values } = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        const token = await requests.verifyCode(deps, req.ctx, pending, values);
        reply.setCookie(SUBJECT_COOKIE, token, cookieOpts(requests.SESSION_MINUTES * 60));
        return '/my-data';
      },
      flash: 'privacy.flash.verified',
      rerender: (errors) => <CodePage pending={String(pending ?? '')} errors={errors} />,
    });
  });
  app.post('/my-data/sign-out', open, async (req, reply) => {
    reply.clearCookie(SUBJECT_COOKIE, cookieOpts());
    setFlash(req, reply, 'privacy.flash.signed_out');
    return reply.redirect(`/${req.lang}/my-data`, 303);
  });
  app.post('/my-data/archive', open, async (req, reply) => {
    const s = mustSubject(req, reply);
    if (!s) return reply;
    const stream = await requests.downloadArchive(deps, req.ctx, s);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="yusr-my-data-${nowIso().slice(0, 10)}.zip"`)
      .header('cache-control', 'no-store')
      .send(stream);
  });
  // Withdrawing a consent: recorded, and what rested on it stops (a subscription ends) in one transaction.
  app.post('/my-data/consents/:id/withdraw', open, async (req, reply) => {
    const s = mustSubject(req, reply);
    if (!s) return reply;
    await withdrawOwnConsent(deps, req.ctx, s, idParam(req));
    setFlash(req, reply, 'privacy.flash.consent_withdrawn');
    return reply.redirect(`/${req.lang}/my-data#consents`, 303);
  });
  for (const kind of ['correction', 'erasure'] as const) {
    app.post(`/my-data/${kind}`, open, async (req, reply) => {
      const s = mustSubject(req, reply);
      const session = withEmail(sessionOf(req));
      if (!s?.email || !session) return reply;
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await requests.fileRequest(deps, req.ctx, s, kind, values);
          return '/my-data';
        },
        flash: kind === 'correction' ? 'privacy.flash.correction' : 'privacy.flash.erasure',
        rerender: (errors) => subjectPage(req, session, { values, errors, form: kind }),
      });
    });
  }

  // ---- The program office's pages ----
  app.get('/console/privacy', office, async (req, reply) =>
    sendPage(req, reply, <RegisterPage entries={await dataRegister(deps)} prior={await priorConsentCounts(deps)} />),
  );

  app.get('/console/privacy/requests', office, async (req, reply) => {
    const filters = queryFilters(req, ['status', 'kind'] as const);
    return sendPage(req, reply, <RequestsPage items={await requests.listRequests(deps, filters)} filters={filters} />);
  });
  app.get('/console/privacy/requests/:id', office, async (req, reply) =>
    sendPage(req, reply, <RequestPage {...(await requests.readRequest(deps, req.ctx, idParam(req)))} />),
  );
  app.post('/console/privacy/requests/:id', office, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await requests.decideRequest(deps, req.ctx, id, values);
        return `/console/privacy/requests/${id}`;
      },
      flash: 'privacy.flash.decided',
      rerender: async (errors) => <RequestPage {...(await requests.readRequest(deps, req.ctx, id))} errors={errors} values={values} />,
    });
  });

  app.get('/console/privacy/retention', office, async (req, reply) =>
    sendPage(req, reply, <RetentionPage entries={await dataRegister(deps)} runs={await purgeRuns(deps)} />),
  );
  app.post('/console/privacy/retention/run', office, async (req, reply) => {
    await backfillPriorConsents(deps, req.ctx);
    await runPurge(deps, req.ctx, 'office');
    setFlash(req, reply, 'privacy.flash.purged');
    return reply.redirect(`/${req.lang}/console/privacy/retention`, 303);
  });
  const purgeableKind = async (req: FastifyRequest) => {
    const entry = await registerEntry(deps, String((req.params as { kind: string }).kind));
    if (!entry?.port.purge || !entry.kind.defaultPeriod) throw new NotFoundError();
    return entry;
  };
  app.get('/console/privacy/retention/:kind', office, async (req, reply) =>
    sendPage(req, reply, <RetentionForm entry={await purgeableKind(req)} />),
  );
  app.post('/console/privacy/retention/:kind', office, async (req, reply) => {
    const entry = await purgeableKind(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await setRetention(deps, req.ctx, entry.kind.key, values);
        return '/console/privacy/retention';
      },
      flash: 'privacy.flash.retention',
      rerender: async (errors) => <RetentionForm entry={await purgeableKind(req)} values={values} errors={errors} />,
    });
  });

  app.get('/console/privacy/access', office, async (req, reply) => {
    const filters = queryFilters(req, ['actor', 'action', 'record', 'from', 'to'] as const);
    const page = pageParam(req);
    return sendPage(req, reply, <AccessPage log={await accessLog(deps, filters, page)} filters={filters} page={page} />);
  });

  app.get('/console/privacy/breaches', office, async (req, reply) =>
    sendPage(req, reply, <BreachesPage items={await listBreaches(deps)} />),
  );
  app.get('/console/privacy/breaches/new', office, async (req, reply) =>
    sendPage(req, reply, <BreachForm entries={await dataRegister(deps)} id={null} values={{ status: 'open' }} />),
  );
  app.post('/console/privacy/breaches', office, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/privacy/breaches/${await createBreach(deps, req.ctx, values)}`,
      flash: 'privacy.flash.breach_saved',
      rerender: async (errors) => <BreachForm entries={await dataRegister(deps)} id={null} values={values} errors={errors} />,
    });
  });
  app.get('/console/privacy/breaches/:id', office, async (req, reply) => {
    const b = await findBreach(deps, idParam(req));
    return sendPage(req, reply, <BreachForm entries={await dataRegister(deps)} id={b.id} values={{ ...b, data_kinds: b.kinds }} />);
  });
  app.post('/console/privacy/breaches/:id', office, async (req, reply) => {
    const id = idParam(req);
    await findBreach(deps, id);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await updateBreach(deps, req.ctx, id, values);
        return `/console/privacy/breaches/${id}`;
      },
      flash: 'privacy.flash.breach_saved',
      rerender: async (errors) => <BreachForm entries={await dataRegister(deps)} id={id} values={values} errors={errors} />,
    });
  });
}

/**
 * The national provider's redirect back (outside the language prefixes, one URI per provider; the
 * page continues in the language sign-in started in): a verified email (and phone) becomes this
 * browser's subject for an hour, as an emailed code would; a refusal is a bilingual page, 400 or 403.
 */
export async function privacyOidcRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const cookieOpts = (maxAge?: number) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.baseUrl.startsWith('https://'),
    ...(maxAge !== undefined ? { maxAge } : {}),
  });
  app.get('/my-data/oidc/:provider/callback', { config: { access: 'public' } }, async (req, reply) => {
    const { provider } = req.params as { provider: string };
    const p = beneficiaryProviderOf(deps.config, provider);
    const pending = req.cookies[BENEFICIARY_OIDC_COOKIE];
    reply.clearCookie(BENEFICIARY_OIDC_COOKIE, cookieOpts());
    const lang = beneficiaryPendingLang(deps.config, pending) ?? req.lang;
    req.lang = lang;
    req.ctx = { ...req.ctx, lang };
    try {
      const who = await finishBeneficiarySignIn(deps, req.ctx, provider, new URL(`${deps.config.baseUrl}${req.url}`), pending);
      reply.setCookie(
        SUBJECT_COOKIE,
        requests.subjectToken(deps, { email: who.email, phone: who.phone }, who.provider),
        cookieOpts(requests.SESSION_MINUTES * 60),
      );
      setFlash(req, reply, 'privacy.flash.signed_in');
      return reply.redirect(`/${lang}/my-data`, 303);
    } catch (err) {
      if (!(err instanceof OidcRefused)) throw err;
      const reason =
        err.reason === 'unverified' ? 'unverified' : err.reason === 'provider' ? 'provider' : err.reason === 'state' ? 'state' : 'invalid';
      return sendPage(req, reply, <SignInRefusedPage reason={reason} provider={p.name[lang]} />, reason === 'unverified' ? 403 : 400);
    }
  });
}
