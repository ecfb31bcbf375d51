import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { createBreach } from './office.service.ts';
import { fileRequest } from './requests.service.ts';

/**
 * The office's demo: a correction and an erasure request from two of feedback's demo beneficiaries
 * (approving the erasure shows what it does to their cases), and one closed breach. Through the same
 * services as people and the office use; skipped when the office already has requests.
 */
export async function loadPrivacyDemo(deps: Deps, ctx: Ctx): Promise<Record<string, number>> {
  const any = await deps.db.selectFrom('privacy_requests').select('id').executeTakeFirst();
  if (any) return {};
  await fileRequest(deps, ctx, { email: 'demo.beneficiary1@example.com', phone: null }, 'correction', {
    correction_ref: 'YSR-1448',
    correction_details: 'اسمي في الشكوى مكتوب خطأ؛ الصحيح: سارة الحربي',
  });
  await fileRequest(deps, ctx, { email: 'demo.beneficiary2@example.com', phone: null }, 'erasure', {
    erasure_details: 'لم أعد أرغب في الاحتفاظ ببياناتي',
  });
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  await createBreach(deps, ctx, {
    title: 'رسالة جماعية أُرسلت مع ظهور عناوين المستلمين',
    description: 'أُرسلت رسالة متابعة إلى ١٢ مستفيدًا وعناوينهم ظاهرة للجميع في حقل المستلمين.',
    discovered_on: day(40),
    data_kinds: ['feedback.case_contact'],
    affected: '12',
    authority_notified_on: day(39),
    subjects_notified_on: day(38),
    measures: 'الإرسال الجماعي يمر الآن عبر منصة الرسائل وحدها، رسالة لكل مستلم.',
    status: 'closed',
  });
  return { privacy_requests: 2, privacy_breaches: 1 };
}
