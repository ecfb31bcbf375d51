import {
  createToken,
  inviteOrOffer,
  inviteUser,
  linkTokenOf,
  requestPasswordReset,
  requestUnlock,
} from '../../../src/modules/identity/testing.ts';
import { systemCtx } from '../../../src/platform/auth/actor.ts';
import { buildAgency, buildUser } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

/** Identity and console pages: agencies, people, tokens, audit, outbox, jobs, sign-in flows. */
const samples: SampleBuilder = async ({ deps, adminEmail, drain }) => {
  const parent = await buildAgency(deps, {
    code: 'a11y-momrah',
    name_ar: 'وزارة الشؤون البلدية',
    name_en: 'Ministry of Municipal Affairs',
    phone: '199099',
    email: 'info@momrah.gov.sa',
  });
  const agency = await buildAgency(deps, {
    code: 'a11y-riyadh',
    name_ar: 'أمانة منطقة الرياض',
    name_en: 'Riyadh Municipality',
    kind: 'municipality',
    parent_id: parent.id,
  });
  await createToken(deps, systemCtx(), agency.id, { name: 'Integration', scopes: ['services:read'] });
  await createToken(deps, systemCtx(), null, { name: 'Office registry', scopes: ['agency:write'] });
  const invited = await inviteUser(deps, systemCtx(), {
    name: 'مدعو جديد',
    email: 'invitee@example.gov.sa',
    locale: 'ar',
    role: 'agency_editor',
    agency_id: agency.id,
  });
  await requestPasswordReset(deps, { ...systemCtx(), ip: '127.0.0.1' }, { email: adminEmail });
  await requestUnlock(deps, { ...systemCtx(), ip: '127.0.0.1' }, { email: adminEmail });
  // An agency administrator offers the program administrator (whom they do not manage) a role.
  const agencyAdmin = await buildUser(deps, { email: 'a11y-agency-admin@example.gov.sa', role: 'agency_admin', agencyId: agency.id });
  await inviteOrOffer(
    deps,
    {
      ...systemCtx(),
      actor: {
        kind: 'user',
        id: agencyAdmin.id,
        name: agencyAdmin.name,
        email: agencyAdmin.email,
        locale: 'en',
        memberships: [{ role: 'agency_admin', agencyId: agency.id }],
      },
    },
    { name: 'Admin', email: adminEmail, locale: 'ar', role: 'agency_editor', agency_id: agency.id },
  );
  await drain();
  const mails = await deps.db.selectFrom('messages').selectAll().execute();
  // The stored emails have their links masked; the live token is derived from the message key, as at send time.
  const tokenOf = (to: string, kind: string) => {
    const m = mails.find((r) => r.to_address === to && r.message_key.startsWith(`identity:${kind}:`));
    return m ? linkTokenOf(deps.config, m.message_key) : null;
  };
  const invite = tokenOf('invitee@example.gov.sa', 'invite');
  const reset = tokenOf(adminEmail, 'reset');
  const unlock = tokenOf(adminEmail, 'unlock');
  const offer = tokenOf(adminEmail, 'offer');
  if (!invite || !reset || !unlock || !offer) throw new Error('sample emails missing');
  return {
    '/': '/',
    '/sign-in': '/sign-in',
    '/password/forgot': '/password/forgot',
    '/password/reset/:token': `/password/reset/${reset}`,
    '/invitation/:token': `/invitation/${invite}`,
    '/sign-in/unlock/:token': `/sign-in/unlock/${unlock}`,
    '/role-offer/:token': `/role-offer/${offer}`,
    '/account': '/account',
    '/signed-out': '/signed-out',
    '/account/two-factor': '/account/two-factor',
    // Without a password step behind them these send the browser back to sign in (their forms are checked in identity's tests).
    '/sign-in/code': '/sign-in/code',
    '/sign-in/enrol': '/sign-in/enrol',
    '/api-docs': '/api-docs',
    '/console': '/console',
    '/console/agencies': '/console/agencies',
    '/console/agencies/new': '/console/agencies/new',
    '/console/agencies/:id': `/console/agencies/${agency.id}`,
    '/console/agencies/:id/edit': `/console/agencies/${agency.id}/edit`,
    '/console/agencies/:id/tokens': `/console/agencies/${agency.id}/tokens`,
    '/console/tokens': '/console/tokens',
    '/console/users': '/console/users',
    '/console/users/invite': '/console/users/invite',
    '/console/users/:id': `/console/users/${invited.id}`,
    '/console/audit': '/console/audit',
    '/console/outbox': '/console/outbox',
    '/console/outbox/:id': `/console/outbox/${mails[0].id}`,
    '/console/outbox/:id/html': `/console/outbox/${mails[0].id}/html`,
    '/console/jobs': '/console/jobs',
  };
};
export default samples;
