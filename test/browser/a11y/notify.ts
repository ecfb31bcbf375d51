import { confirm, createAnnouncement, ctx, linkIn, makeToken, pathOf, publishNow, subscribe } from '../../../src/modules/notify/testing.ts';
import { buildService, buildTerms } from '../../helpers/catalog.ts';
import { buildAgency } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

/** Subscriptions (public, by signed link), announcements (public and console), previews and feeds' pages. */
const samples: SampleBuilder = async ({ deps, drain }) => {
  const agency = await buildAgency(deps, { code: 'a11y-nt-moh', name_ar: 'وزارة الصحة', name_en: 'Ministry of Health', phone: '937' });
  await buildTerms(deps);
  const service = await buildService(deps, agency.id, { identifier: 'a11y-nt-appointments', data: { categories: ['health'] } });
  await drain();
  const published = await publishNow(
    { deps },
    {
      agency_id: agency.id,
      kind: 'downtime',
      title_ar: 'توقف مجدول لخدمة المواعيد',
      title_en: 'Planned downtime of appointments',
      service_ids: [service.id],
      starts_at: '2026-12-04T19:00:00.000Z',
      ends_at: '2026-12-04T23:00:00.000Z',
    },
  );
  const draft = await createAnnouncement(deps, ctx(), {
    agency_id: agency.id,
    kind: 'change',
    title_ar: 'تغيير رسوم خدمة المواعيد',
    title_en: 'New fees for appointments',
    body_ar: 'تتغير رسوم الخدمة ابتداءً من الشهر القادم.',
    body_en: 'The fees of the service change from next month.',
    service_ids: [service.id],
  });
  await subscribe(deps, ctx('10.1.1.1'), {
    email: 'a11y-nt-1@example.sa',
    target_type: 'agency',
    target_key: agency.code,
    frequency: 'daily',
    locale: 'ar',
  });
  const mail = await deps.db
    .selectFrom('messages')
    .select('text_body')
    .where('to_address', '=', 'a11y-nt-1@example.sa')
    .executeTakeFirstOrThrow();
  const confirmToken = pathOf(linkIn(mail.text_body, 'confirm')).split('/').pop() as string;
  await subscribe(deps, ctx('10.1.1.2'), {
    email: 'a11y-nt-2@example.sa',
    target_type: 'new_services',
    target_key: '*',
    frequency: 'immediate',
    locale: 'en',
  });
  const other = await deps.db
    .selectFrom('messages')
    .select('text_body')
    .where('to_address', '=', 'a11y-nt-2@example.sa')
    .executeTakeFirstOrThrow();
  const { manageToken } = await confirm(deps, ctx(), pathOf(linkIn(other.text_body, 'confirm')).split('/').pop() as string);
  const s = await deps.db
    .selectFrom('notify_subscribers')
    .selectAll()
    .where('email', '=', 'a11y-nt-2@example.sa')
    .executeTakeFirstOrThrow();
  await drain();
  return {
    '/subscribe': `/subscribe?service=${service.identifier}`,
    '/subscribe/check-email': '/subscribe/check-email',
    '/subscriptions/confirm/:token': `/subscriptions/confirm/${confirmToken}`,
    '/subscriptions/manage': '/subscriptions/manage',
    '/subscriptions/manage/:token': `/subscriptions/manage/${manageToken}`,
    '/subscriptions/unsubscribe/:token': `/subscriptions/unsubscribe/${makeToken(deps.config.secretKey, 'unsubscribe', { s: s.id, v: s.token_version })}`,
    '/subscriptions/unsubscribed': '/subscriptions/unsubscribed',
    '/announcements': '/announcements',
    '/announcements/:id': `/announcements/${published.id}`,
    '/console/notify': '/console/notify',
    '/console/announcements': '/console/announcements',
    '/console/announcements/new': `/console/announcements/new?agency=${agency.id}&service=${service.id}&kind=launch`,
    '/console/announcements/:id': `/console/announcements/${published.id}`,
    '/console/announcements/:id/edit': `/console/announcements/${draft.id}/edit`,
    '/console/announcements/:id/preview': `/console/announcements/${draft.id}/preview`,
    '/console/announcements/:id/preview/:lang': `/console/announcements/${draft.id}/preview/ar`,
  };
};
export default samples;
