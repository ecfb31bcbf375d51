import { createBreach, fileRequest } from '../../../src/modules/privacy/testing.ts';
import { systemCtx } from '../../../src/platform/auth/actor.ts';
import type { SampleBuilder } from './types.ts';

/** The person's page, and the office's register, request queue and one request, retention, access log and breaches. */
const samples: SampleBuilder = async ({ deps }) => {
  const sys = systemCtx('a11y');
  const request = await fileRequest(deps, sys, { email: 'a11y.subject@example.sa', phone: null }, 'erasure', {
    erasure_ref: 'YSR-1448-000001',
    erasure_details: 'أرجو حذف بياناتي',
  });
  const breach = await createBreach(deps, sys, {
    title: 'فقدان جهاز محمول',
    description: 'جهاز فيه ملف مصدَّر غير مشفر',
    discovered_on: new Date().toISOString().slice(0, 10),
    data_kinds: ['feedback.case_contact'],
    affected: '3',
    status: 'open',
  });
  return {
    '/my-data': '/my-data',
    '/console/privacy': '/console/privacy',
    '/console/privacy/requests': '/console/privacy/requests',
    '/console/privacy/requests/:id': `/console/privacy/requests/${request}`,
    '/console/privacy/retention': '/console/privacy/retention',
    '/console/privacy/retention/:kind': '/console/privacy/retention/notify.unconfirmed',
    '/console/privacy/access': '/console/privacy/access',
    '/console/privacy/breaches': '/console/privacy/breaches',
    '/console/privacy/breaches/new': '/console/privacy/breaches/new',
    '/console/privacy/breaches/:id': `/console/privacy/breaches/${breach}`,
  };
};
export default samples;
