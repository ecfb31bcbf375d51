import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp, testEngine } from '../../../test/helpers/app.ts';
import { buildNamedService, buildService } from '../../../test/helpers/catalog.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { allDefaultSynonymGroups } from '../../platform/search/lexicon.ts';
import { catalogSearch } from './testing.ts';
import { listSynonymGroups } from './vocabulary.service.ts';

// Issue 12, class 4: a fresh installation carries the default synonym groups, administrators own
// them afterwards, and a restart (migrations run again) neither restores a deleted one nor adds twice.

const defaults = allDefaultSynonymGroups();
const sameDatabase = (): Record<string, string> =>
  testEngine === 'postgres'
    ? { DATABASE_SCHEMA: `t_syn_${process.pid}_${Date.now()}` }
    : { DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'yusr-syn-')), 'yusr.db')}` };
const ids = async (t: TestApp, q: string) => (await catalogSearch(t.deps).search(q)).hits.map((h) => h.card.identifier);

/** A fresh app whose catalog holds one agency's services, each named in both languages, indexed. */
async function appWith(agency: { code: string; name_ar: string; name_en: string }, services: [string, string, string][]) {
  const t = await testApp();
  const a = await buildAgency(t.deps, agency);
  for (const [identifier, ar, en] of services)
    await buildNamedService(
      t.deps,
      a.id,
      identifier,
      { ar, en },
      { ar: 'خدمة إلكترونية للمواطنين والمقيمين.', en: 'An online service for citizens and residents.' },
    );
  await catalogSearch(t.deps).sync();
  return t;
}

describe('default search synonyms', () => {
  const env = sameDatabase();
  let t: TestApp;
  before(async () => {
    t = await testApp(env);
  });
  after(async () => t.close());

  it('ships several hundred groups in Arabic and English, each within the limits an administrator has', () => {
    assert.ok(defaults.length >= 300, `${defaults.length} groups`);
    for (const g of defaults) {
      assert.ok(g.length >= 2 && g.length <= 20, g.join(' | '));
      for (const m of g) assert.ok(m.length <= 80, m);
    }
    assert.ok(defaults.some((g) => g.includes('استمارة') && g.includes('رخصة سير')));
    assert.ok(defaults.some((g) => g.includes('أبشر') && g.includes('absher')));
  });

  it('are in the synonym table of a fresh installation', async () => {
    const groups = await listSynonymGroups(t.deps);
    assert.deepEqual(
      groups.map((g) => g.terms),
      defaults,
    );
  });

  it('let a query in everyday words find the service by its official name', async () => {
    const agency = await buildAgency(t.deps, {
      code: 'traffic',
      name_ar: 'الإدارة العامة للمرور',
      name_en: 'General Department of Traffic',
    });
    const plain = { keywords: { ar: [], en: [] } };
    await buildService(t.deps, agency.id, {
      identifier: 'vehicle-registration-renewal',
      data: { ...plain, name: { ar: 'تجديد رخصة سير المركبة', en: 'Renew a vehicle registration' } },
    });
    await buildService(t.deps, agency.id, {
      identifier: 'driving-licence-issue',
      data: { ...plain, name: { ar: 'إصدار رخصة قيادة', en: 'Issue a driving licence' } },
    });
    await catalogSearch(t.deps).sync();
    assert.ok((await ids(t, 'تجديد الاستمارة')).includes('vehicle-registration-renewal'));
    assert.ok((await ids(t, 'istimara')).includes('vehicle-registration-renewal'));
    assert.ok((await ids(t, 'ليسن')).includes('driving-licence-issue'));
  });

  it("keep an administrator's deletion and addition across a restart, and are not added twice", async () => {
    await buildUser(t.deps, { email: 'office@yusr.test', role: 'program_admin' });
    const admin = await signedIn(t.app, 'office@yusr.test');
    const groups = await listSynonymGroups(t.deps);
    const licence = groups.find((g) => g.terms.includes('ليسن'));
    assert.ok(licence);
    assert.equal((await admin.post(`/en/console/synonyms/${licence.id}/delete`)).statusCode, 303);
    assert.equal((await admin.post('/en/console/synonyms', { terms: 'مشوار\nرحلة' })).statusCode, 303);

    // A restart: the application closes and opens the same database again, running the migrations.
    await t.app.close();
    await t.deps.close();
    t = await testApp(env);

    const after = await listSynonymGroups(t.deps);
    assert.equal(after.length, groups.length);
    assert.equal(
      after.find((g) => g.terms.includes('ليسن')),
      undefined,
    );
    assert.ok(after.some((g) => g.terms.join('|') === 'مشوار|رحلة'));
    assert.ok(!(await ids(t, 'ليسن')).includes('driving-licence-issue'));
  });
});

// The third edition (migration 0064): French administrative words and French loanwords in Arabic
// letters find services named as the Maghreb and Lebanon name them. The services below say nothing
// in French; every query is in French or in Arabic-letter French.
describe('default search synonyms: French and its loanwords', () => {
  let t: TestApp;
  const services: [string, string, string][] = [
    ['driving-licence', 'طلب رخصة السياقة', 'Apply for a driving licence'],
    ['vehicle-card', 'استخراج البطاقة الرمادية للمركبة', 'Vehicle registration card'],
    ['record-of-convictions', 'استخراج بطاقة السوابق العدلية', 'Record of previous convictions'],
    ['civil-extract', 'إخراج قيد فردي', 'Individual civil registry extract'],
    ['birth-record', 'نسخة من عقد الازدياد', 'Copy of a birth record'],
    ['retirement', 'طلب معاش التقاعد', 'Apply for a retirement pension'],
    ['building', 'رخصة البناء', 'Building permit'],
    ['electricity-bill', 'دفع فاتورة الكهرباء', 'Pay an electricity bill'],
    ['alimony', 'طلب نفقة الأبناء', 'Apply for child maintenance payments'],
  ];
  before(async () => {
    t = await appWith({ code: 'state', name_ar: 'الإدارة', name_en: 'Administration' }, services);
  });
  after(async () => t.close());

  it('are in the synonym table of a fresh installation', async () => {
    const groups = (await listSynonymGroups(t.deps)).map((g) => g.terms.join(' | '));
    assert.ok(groups.some((g) => g.includes('permis de conduire') && g.includes('رخصة السياقة')));
    assert.ok(groups.some((g) => g.includes('carte grise') && g.includes('البطاقة الرمادية')));
  });

  for (const [q, expected] of [
    ['Certificat d’immatriculation', 'vehicle-card'],
    ['كارط غريز ديالي', 'vehicle-card'],
    ['پيرمي', 'driving-licence'],
    ['كازيي جوديسيار', 'record-of-convictions'],
    ["Fiche individuelle d'état civil", 'civil-extract'],
    ["copie intégrale de l'acte de naissance", 'birth-record'],
    ['caisse de retraite', 'retirement'],
    ['لاريتريط', 'retirement'],
    ['permis de bâtir', 'building'],
    ["facture d'électricité", 'electricity-bill'],
    ['الفاكتورة', 'electricity-bill'],
  ] as const)
    it(`finds «${expected}» for «${q}»`, async () => {
      assert.equal((await ids(t, q))[0], expected);
    });

  it('keeps a French false friend apart: «pension alimentaire» (alimony) finds alimony before a retirement pension', async () => {
    const found = await ids(t, 'pension alimentaire');
    assert.equal(found[0], 'alimony');
    // The retirement pension holds one of the two words: at most a partial match, after alimony.
    assert.ok(found.indexOf('retirement') === -1 || found.indexOf('retirement') > 0);
    assert.equal((await ids(t, 'pension'))[0], 'retirement');
  });
});

describe('default search synonyms: life events as people say them', () => {
  let t: TestApp;
  const services: [string, string, string][] = [
    ['death', 'تسجيل واقعة وفاة', 'Register a death'],
    ['marriage', 'توثيق عقد الزواج', 'Register a marriage contract'],
    ['divorce', 'توثيق الطلاق', 'Register a divorce'],
    ['birth', 'تسجيل المولود', 'Register a newborn'],
    ['theft', 'بلاغ سرقة مركبة', 'Report a stolen vehicle'],
    ['unemployment', 'طلب إعانة البطالة', 'Apply for unemployment benefit'],
    ['transfer', 'نقل ملكية عقار', 'Transfer the ownership of a property'],
    ['fault', 'الإبلاغ عن عطل في الإنارة العامة', 'Report a street-light fault'],
  ];
  before(async () => {
    t = await appWith({ code: 'civil', name_ar: 'الأحوال', name_en: 'Civil affairs' }, services);
  });
  after(async () => t.close());

  for (const [q, expected] of [
    ['امي توفيت', 'death'],
    ['جدي مات امس', 'death'],
    ['اتجوزت الشهر اللي فات', 'marriage'],
    ['تطلقت', 'divorce'],
    ['مرتي ولدت', 'birth'],
    ['انسرقت سيارتي', 'theft'],
    ['فصلوني من الشغل', 'unemployment'],
    ['شريت بيت', 'transfer'],
    ['my grandfather passed away', 'death'],
    ['we got married', 'marriage'],
  ] as const)
    it(`finds «${expected}» for «${q}»`, async () => {
      assert.equal((await ids(t, q))[0], expected);
    });

  it('keeps out the words that mean something else too: «عاطل» alone (out of order) is not unemployment', async () => {
    assert.equal((await ids(t, 'عطل الإنارة'))[0], 'fault');
    assert.ok(!(await ids(t, 'الجهاز عاطل')).includes('unemployment'));
    assert.ok(!(await ids(t, 'طلق ناري')).includes('divorce'));
  });
});
