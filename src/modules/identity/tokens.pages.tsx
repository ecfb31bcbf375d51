import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import * as tokens from './tokens.service.ts';
import { TokensPage } from './views/tokens.views.tsx';

const tokenForm = (v: Record<string, unknown>) => ({
  name: v.name,
  scopes: v.scopes === undefined ? [] : Array.isArray(v.scopes) ? v.scopes : [v.scopes],
  expires_in_days: v.expires_in_days === undefined ? null : Number(v.expires_in_days),
});

export async function tokenPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const access = { config: { access: { roles: ['program_admin', 'agency_admin'] as const } } };
  const office = { config: { access: { roles: ['program_admin'] as const } } };

  // The program office's own tokens (no agency): program administrators only.
  app.get('/console/tokens', office, async (req, reply) =>
    sendPage(req, reply, <TokensPage tokens={await tokens.listOfficeTokens(deps, req.ctx)} />),
  );

  app.post('/console/tokens', office, async (req, reply) => {
    const values = formValues(req.body);
    try {
      const { token } = await tokens.createToken(deps, req.ctx, null, tokenForm(values));
      return sendPage(req, reply, <TokensPage tokens={await tokens.listOfficeTokens(deps, req.ctx)} created={token} />, 201);
    } catch (err) {
      if (!(err instanceof AppError) || err.fieldErrors.length === 0) throw err;
      const list = await tokens.listOfficeTokens(deps, req.ctx);
      return sendPage(req, reply, <TokensPage tokens={list} values={values} errors={err.fieldErrors} />, err.status);
    }
  });

  app.post('/console/tokens/:token/revoke', office, async (req, reply) =>
    handleForm(req, reply, {
      action: async () => {
        await tokens.revokeToken(deps, req.ctx, null, idParam(req, 'token'));
        return '/console/tokens';
      },
      flash: 'token.revoked_flash',
      rerender: async () => <TokensPage tokens={await tokens.listOfficeTokens(deps, req.ctx)} />,
    }),
  );

  app.get('/console/agencies/:id/tokens', access, async (req, reply) => {
    const r = await tokens.listTokens(deps, req.ctx, idParam(req));
    return sendPage(req, reply, <TokensPage agency={r.agency} tokens={r.tokens} />);
  });

  // The new token is shown once, on the response to the POST itself (never stored, never redirected).
  app.post('/console/agencies/:id/tokens', access, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    try {
      const { token } = await tokens.createToken(deps, req.ctx, id, tokenForm(values));
      const r = await tokens.listTokens(deps, req.ctx, id);
      return sendPage(req, reply, <TokensPage agency={r.agency} tokens={r.tokens} created={token} />, 201);
    } catch (err) {
      if (!(err instanceof AppError) || err.fieldErrors.length === 0) throw err;
      const r = await tokens.listTokens(deps, req.ctx, id);
      return sendPage(req, reply, <TokensPage agency={r.agency} tokens={r.tokens} values={values} errors={err.fieldErrors} />, err.status);
    }
  });

  app.post('/console/agencies/:id/tokens/:token/revoke', access, async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, reply, {
      action: async () => {
        await tokens.revokeToken(deps, req.ctx, id, idParam(req, 'token'));
        return `/console/agencies/${id}/tokens`;
      },
      flash: 'token.revoked_flash',
      rerender: async () => {
        const r = await tokens.listTokens(deps, req.ctx, id);
        return <TokensPage agency={r.agency} tokens={r.tokens} />;
      },
    });
  });
}
