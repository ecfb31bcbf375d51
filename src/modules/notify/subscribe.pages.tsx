import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { handleForm } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import * as catalog from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import { digestSettings } from './digests.ts';
import type { TargetType } from './notify.tables.ts';
import { targetTypes } from './notify.tables.ts';
import { addPhone, removePhone, verifyPhone } from './phone.service.ts';
import { targetPhrase } from './render.ts';
import * as subs from './subscriptions.service.ts';
import { labelTargets, resolveTarget } from './targets.ts';
import { ManagePage } from './views/manage.views.tsx';
import {
  CheckEmailPage,
  ConfirmPage,
  LinkExpiredPage,
  RequestLinkPage,
  SubscribePage,
  UnsubscribedPage,
  UnsubscribePage,
} from './views/subscribe.views.tsx';

const PUBLIC = { config: { access: 'public' as const } };
const TARGET_PARAMS: [string, TargetType][] = [
  ['service', 'service'],
  ['agency', 'agency'],
  ['category', 'category'],
  ['audience', 'audience'],
  ['topic', 'topic'],
];

/** Beneficiaries' pages: subscribe, confirm, manage by signed link, unsubscribe. No account needed. */
export async function subscribePages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const token = (req: FastifyRequest) => (req.params as { token: string }).token;

  const options = async () => ({
    agencies: (await allAgencies(deps)).filter((a) => a.status === 'active'),
    categories: await catalog.listTerms(deps.db, 'category'),
  });
  const digest = async () => {
    const s = await digestSettings(deps);
    return { time: s.daily_time, day: s.weekly_day };
  };

  /** A target named in the query (?service=…), when it exists. */
  const preselected = async (q: Record<string, unknown>) => {
    for (const [param, type] of TARGET_PARAMS) {
      const key = q[param];
      if (typeof key !== 'string' || !/^[a-z0-9][a-z0-9/_-]{0,79}$/.test(key)) continue;
      try {
        const target = await resolveTarget(deps, type, key);
        const [label] = await labelTargets(deps, [target]);
        return { ...label, publicKey: key };
      } catch {
        return undefined;
      }
    }
    if (q.new === '1') return { type: 'new_services' as const, key: '*', ar: '', en: '', publicKey: '*' };
    return undefined;
  };

  const form = async (values: Record<string, unknown>, errors?: FieldError[]) => {
    const target =
      values.target_key && typeof values.target_type === 'string'
        ? await preselected({ [values.target_type]: values.target_key, new: values.target_type === 'new_services' ? '1' : undefined })
        : undefined;
    return <SubscribePage target={target} options={await options()} digest={await digest()} values={values} errors={errors} />;
  };

  app.get('/subscribe', PUBLIC, async (req, reply) => {
    const target = await preselected(req.query as Record<string, unknown>);
    return sendPage(req, reply, <SubscribePage target={target} options={await options()} digest={await digest()} values={{}} />);
  });

  app.post('/subscribe', PUBLIC, async (req, reply) => {
    const values = formValues(req.body);
    const type = targetTypes.includes(values.target_type as TargetType) ? (values.target_type as TargetType) : 'new_services';
    const chosenFrom = type === 'agency' || type === 'category' || type === 'audience' ? type : null;
    const key = values.target_key ?? (chosenFrom ? values[chosenFrom] : type === 'new_services' ? '*' : undefined);
    return handleForm(req, reply, {
      action: async () => {
        // A filled honeypot is a robot: it is told the same as everyone, and nothing happens.
        if (!values.website) {
          try {
            await subs.subscribe(deps, req.ctx, {
              email: values.email ?? '',
              target_type: type,
              target_key: key ?? '',
              frequency: values.frequency,
              locale: values.locale,
            });
          } catch (err) {
            // The chosen list (not a hidden key) is where the person fixes a target problem.
            if (err instanceof AppError && chosenFrom && !values.target_key) {
              throw new AppError(
                err.status,
                err.key,
                err.params,
                err.fieldErrors.map((e) => (e.field === 'target_key' ? { ...e, field: chosenFrom } : e)),
              );
            }
            throw err;
          }
        }
        return '/subscribe/check-email';
      },
      rerender: (errors) => form(values, errors),
    });
  });

  app.get('/subscribe/check-email', PUBLIC, async (req, reply) => sendPage(req, reply, <CheckEmailPage />));

  const expired = (req: FastifyRequest, reply: FastifyReply) => sendPage(req, reply, <LinkExpiredPage />, 410);
  const onGone = (req: FastifyRequest, reply: FastifyReply) => (err: unknown) => {
    if (err instanceof AppError && err.status === 410) return expired(req, reply);
    throw err;
  };

  app.get('/subscriptions/confirm/:token', PUBLIC, async (req, reply) => {
    try {
      const c = await subs.readConfirmLink(deps, token(req));
      const already = c.subscriber.status === 'confirmed' && c.subscription.status === 'active';
      return sendPage(req, reply, <ConfirmPage token={token(req)} what={targetPhrase(req.lang, c.label)} already={already} />);
    } catch (err) {
      return onGone(req, reply)(err);
    }
  });

  app.post('/subscriptions/confirm/:token', PUBLIC, async (req, reply) => {
    try {
      const r = await subs.confirm(deps, req.ctx, token(req));
      return handleForm(req, reply, {
        action: async () => `/${r.lang}/subscriptions/manage/${r.manageToken}`,
        flash: 'notify.flash.confirmed',
        rerender: () => <LinkExpiredPage />,
      });
    } catch (err) {
      return onGone(req, reply)(err);
    }
  });

  app.get('/subscriptions/manage', PUBLIC, async (req, reply) => sendPage(req, reply, <RequestLinkPage values={{}} />));
  app.post('/subscriptions/manage', PUBLIC, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await subs.requestManageLink(deps, req.ctx, { email: values.email ?? '' });
        return '/subscriptions/manage';
      },
      flash: 'notify.flash.link_sent',
      rerender: (errors) => <RequestLinkPage values={values} errors={errors} />,
    });
  });

  const manage = async (req: FastifyRequest, errors?: FieldError[], values?: Record<string, unknown>) => {
    const m = await subs.openManage(deps, token(req));
    return <ManagePage token={token(req)} subscriber={m.subscriber} subscriptions={m.subscriptions} errors={errors} values={values} />;
  };
  app.get('/subscriptions/manage/:token', PUBLIC, async (req, reply) => {
    try {
      return sendPage(req, reply, await manage(req));
    } catch (err) {
      return onGone(req, reply)(err);
    }
  });

  /** A manage-page action: POST → redirect back to the page, or the page again with the problem shown. */
  const action = (
    path: string,
    run: (req: FastifyRequest, values: Record<string, unknown>) => Promise<unknown>,
    flash: Parameters<typeof handleForm>[2]['flash'],
    after?: string,
  ) =>
    app.post(path, PUBLIC, async (req, reply) => {
      const values = formValues(req.body);
      try {
        await subs.openManage(deps, token(req));
      } catch (err) {
        return onGone(req, reply)(err);
      }
      return handleForm(req, reply, {
        action: async () => {
          await run(req, values);
          return after ?? `/subscriptions/manage/${token(req)}`;
        },
        flash,
        rerender: (errors) => manage(req, errors, values),
      });
    });

  action(
    '/subscriptions/manage/:token',
    (req, v) => {
      const frequencies = Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => /^frequency_\d+$/.test(k))
          .map(([k, f]) => [k.slice(10), f]),
      );
      return subs.updatePreferences(deps, req.ctx, token(req), { locale: v.locale, frequencies });
    },
    'notify.flash.saved',
  );
  action(
    '/subscriptions/manage/:token/remove/:id',
    (req) => subs.removeSubscription(deps, req.ctx, token(req), Number((req.params as { id: string }).id)),
    'notify.flash.removed',
  );
  action(
    '/subscriptions/manage/:token/phone',
    (req, v) => addPhone(deps, req.ctx, token(req), { phone: v.phone ?? '' }),
    'notify.flash.code_sent',
  );
  action(
    '/subscriptions/manage/:token/phone/verify',
    (req, v) => verifyPhone(deps, req.ctx, token(req), { code: v.code ?? '' }),
    'notify.flash.phone_verified',
  );
  action('/subscriptions/manage/:token/phone/remove', (req) => removePhone(deps, req.ctx, token(req)), 'notify.flash.phone_removed');
  action(
    '/subscriptions/manage/:token/unsubscribe',
    (req) => subs.unsubscribeAllFromManage(deps, req.ctx, token(req)),
    undefined,
    '/subscriptions/unsubscribed',
  );

  app.get('/subscriptions/unsubscribe/:token', PUBLIC, async (req, reply) => {
    try {
      const r = await subs.readUnsubscribeLink(deps, token(req));
      return sendPage(req, reply, <UnsubscribePage token={token(req)} done={r.done} />);
    } catch (err) {
      return onGone(req, reply)(err);
    }
  });

  // RFC 8058: mail providers POST "List-Unsubscribe=One-Click" here with no cookie and no form token;
  // the signed token in the address is the authentication, so CSRF does not apply.
  app.post('/subscriptions/unsubscribe/:token', { config: { access: 'public', csrf: false } }, async (req, reply) => {
    const oneClick = formValues(req.body)['List-Unsubscribe'] === 'One-Click';
    try {
      await subs.unsubscribeByLink(deps, req.ctx, token(req), oneClick ? 'one_click' : 'link');
    } catch (err) {
      if (oneClick && err instanceof AppError && err.status === 410) return reply.code(410).type('text/plain; charset=utf-8').send('gone');
      return onGone(req, reply)(err);
    }
    if (oneClick) return reply.code(200).type('text/plain; charset=utf-8').send('unsubscribed');
    return reply.redirect(`/${req.lang}/subscriptions/unsubscribed`, 303);
  });

  app.get('/subscriptions/unsubscribed', PUBLIC, async (req, reply) => sendPage(req, reply, <UnsubscribedPage />));
}
