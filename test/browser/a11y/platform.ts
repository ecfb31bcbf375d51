import { requestPasswordReset } from '../../../src/modules/identity/auth.service.ts';
import { createToken } from '../../../src/modules/identity/tokens.service.ts';
import { inviteUser } from '../../../src/modules/identity/users.service.ts';
import { systemCtx } from '../../../src/platform/auth/actor.ts';
import { buildAgency } from '../../helpers/factories.ts';
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
  const invited = await inviteUser(deps, systemCtx(), {
    name: 'مدعو جديد',
    email: 'invitee@example.gov.sa',
    locale: 'ar',
    role: 'agency_editor',
    agency_id: agency.id,
  });
  await requestPasswordReset(deps, { ...systemCtx(), ip: '127.0.0.1' }, { email: adminEmail });
  await drain();
  const mails = await deps.db.selectFrom('messages').selectAll().execute();
  const invite = /\/invitation\/([A-Za-z0-9_-]+)/.exec(mails.find((m) => m.to_address === 'invitee@example.gov.sa')?.text_body ?? '')?.[1];
  const reset = /\/password\/reset\/([A-Za-z0-9_-]+)/.exec(mails.find((m) => m.to_address === adminEmail)?.text_body ?? '')?.[1];
  if (!invite || !reset) throw new Error('sample emails missing');
  return {
    '/': '/',
    '/sign-in': '/sign-in',
    '/password/forgot': '/password/forgot',
    '/password/reset/:token': `/password/reset/${reset}`,
    '/invitation/:token': `/invitation/${invite}`,
    '/account': '/account',
    '/api-docs': '/api-docs',
    '/console': '/console',
    '/console/agencies': '/console/agencies',
    '/console/agencies/new': '/console/agencies/new',
    '/console/agencies/:id': `/console/agencies/${agency.id}`,
    '/console/agencies/:id/edit': `/console/agencies/${agency.id}/edit`,
    '/console/agencies/:id/tokens': `/console/agencies/${agency.id}/tokens`,
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
