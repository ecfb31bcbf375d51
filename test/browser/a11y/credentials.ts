import { systemCtx } from '../../../src/platform/auth/actor.ts';
import { issueCredential } from '../../../src/platform/credentials/index.ts';
import type { SampleBuilder } from './types.ts';

/** Certificate pages: one issued training certificate, its verification page, the office's list and the revocation form. */
const samples: SampleBuilder = async ({ deps }) => {
  const c = await deps.db.transaction().execute((trx) =>
    issueCredential(deps, trx, systemCtx('a11y'), {
      source: 'a11y',
      sourceRef: 'sample:1',
      lang: 'ar',
      recipient: { name: 'نورة القحطاني' },
      achievement: {
        key: 'service-design',
        type: 'Certificate',
        name: { ar: 'أساسيات تصميم الخدمات', en: 'Service design essentials' },
        description: { ar: 'برنامج تدريبي من 12 ساعة', en: 'A 12-hour programme' },
        criteria: { ar: 'حضور 80٪ من الجلسات واجتياز الاختبار', en: 'Attend 80% of sessions and pass the assessment' },
      },
    }),
  );
  return {
    '/verify': '/verify',
    '/verify/:serial': `/verify/${c.serial}`,
    '/console/credentials': '/console/credentials',
    '/console/credentials/:serial/revoke': `/console/credentials/${c.serial}/revoke`,
  };
};
export default samples;
