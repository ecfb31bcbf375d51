import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client } from '../../../test/helpers/client.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { createProgramme, setProgrammePublished } from './training.service.ts';

// The public training page's search box: a GET form, so it works without JavaScript, through the
// platform's Arabic analyzer. A clitic or a plural finds the programme whose title has the bare or
// singular word; the track's name and the English text count too; staff-only and unpublished
// programmes never show, whatever the query.

describe('training: searching the public programmes', () => {
  let t: TestApp;
  let anon: Client;

  const programme = async (
    code: string,
    title_ar: string,
    title_en: string,
    description_ar: string,
    description_en: string,
    track: string,
    opts: { audience?: string; publish?: boolean } = {},
  ) => {
    const p = await createProgramme(t.deps, systemCtx(), {
      code,
      title_ar,
      title_en,
      description_ar,
      description_en,
      audience: opts.audience ?? 'public',
      track,
      hours: '2',
      delivery_mode: 'online',
      min_attendance_pct: '50',
    });
    if (opts.publish ?? true) await setProgrammePublished(t.deps, systemCtx(), p.id, true);
    return p;
  };

  before(async () => {
    t = await testApp();
    anon = new Client(t.app);
    await programme(
      'TRAINER',
      'مهارات المدرب الرقمي',
      'Skills of the digital trainer',
      'كيف تدير جلسة عن بعد',
      'How to run a remote session',
      'change_management',
    );
    await programme(
      'CYBER',
      'أساسيات الأمن السيبراني',
      'Cybersecurity basics',
      'كلمات المرور والتصيد',
      'Passwords and phishing',
      'cybersecurity',
    );
    await programme(
      'SERVE',
      'خدمة المستفيد',
      'Serving the beneficiary',
      'الإصغاء إلى المستفيد',
      'Listening to the beneficiary',
      'service_design',
    );
    // Words the queries below would find, in programmes the public must not see.
    await programme('STAFF-ONLY', 'تحليل البيانات للمدربين', 'Data for trainers', 'للموظفين', 'For staff', 'data', {
      audience: 'employees',
    });
    await programme('DRAFT', 'مدرب المدربين', 'Training the trainers', 'مسودة', 'Draft', 'data', { publish: false });
  });
  after(() => t.close());

  /** The titles of the programmes a query shows, in the page's order. */
  const found = async (lang: 'ar' | 'en', q: string) => {
    const res = await anon.get(`/${lang}/training?q=${encodeURIComponent(q)}`);
    assert.equal(res.statusCode, 200, res.body);
    return { titles: [...res.body.matchAll(/<section[^>]*class="panel"[^>]*>\s*<h2>([^<]*)<\/h2>/g)].map((m) => m[1]), body: res.body };
  };

  it('finds a programme through a clitic or a plural of the words in its title', async () => {
    assert.deepEqual((await found('ar', 'للمدربين')).titles, ['مهارات المدرب الرقمي'], 'لل + plural ين finds المدرب');
    assert.deepEqual((await found('ar', 'والسيبرانية')).titles, ['أساسيات الأمن السيبراني'], 'و + feminine ية finds السيبراني');
    assert.deepEqual((await found('ar', 'الخدمات')).titles, ['خدمة المستفيد'], 'the plural الخدمات finds خدمة');
    assert.deepEqual((await found('en', 'trainers')).titles, ['Skills of the digital trainer']);
  });

  it('searches the descriptions and the track’s name in both languages', async () => {
    assert.deepEqual((await found('en', 'phishing')).titles, ['Cybersecurity basics']);
    assert.deepEqual((await found('ar', 'التصيد')).titles, ['أساسيات الأمن السيبراني']);
    assert.deepEqual((await found('en', 'service design')).titles, ['Serving the beneficiary'], 'the track’s English name');
    assert.deepEqual((await found('ar', 'إدارة التغيير')).titles, ['مهارات المدرب الرقمي'], 'the track’s Arabic name');
  });

  it('says so in the page’s language when nothing matches, and shows everything public without a query', async () => {
    const none = await found('ar', 'طيران');
    assert.deepEqual(none.titles, []);
    assert.match(none.body, /لا يطابق «طيران» أي برنامج/);
    const en = await found('en', 'aviation');
    assert.match(en.body, /No programme matches “aviation”/);
    const one = await found('en', 'phishing');
    assert.match(one.body, /One programme matches “phishing”/);
    assert.match(one.body, /<input[^>]*name="q"[^>]*value="phishing"/, 'the box keeps the query');
    const all = await anon.get('/ar/training');
    assert.match(all.body, /<form[^>]*method="get"[^>]*role="search"/);
    const titles = [...all.body.matchAll(/<section[^>]*class="panel"[^>]*>\s*<h2>([^<]*)<\/h2>/g)].map((m) => m[1]).sort();
    assert.deepEqual(titles, ['أساسيات الأمن السيبراني', 'خدمة المستفيد', 'مهارات المدرب الرقمي'].sort());
    const hostile = await found('en', '<script>alert(1)</script>');
    assert.deepEqual(hostile.titles, []);
    assert.doesNotMatch(hostile.body, /<script>alert/);
  });
});
