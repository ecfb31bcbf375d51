import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderEmail } from './email-layout.tsx';

// Web addresses in emails (issue 10): links, isolated left-to-right inside Arabic text so bidi does
// not scramble them, free to break so they never widen a phone screen, sentence punctuation outside.
describe('email layout: addresses in the text', () => {
  it('makes every http(s) address in paragraphs and small print a left-to-right link', () => {
    const { html, text } = renderEmail({
      lang: 'ar',
      heading: 'تحديث',
      paragraphs: ['تفاصيل الخدمة على https://yusr.example.gov/ar/services/passport-renewal.', 'لا رابط هنا: javascript:alert(1)'],
      footer: ['لإيقاف الرسائل: https://yusr.example.gov/ar/subscriptions/manage?t=abc،'],
      sender: 'يُسر',
    });
    assert.match(
      html,
      /<a href="https:\/\/yusr\.example\.gov\/ar\/services\/passport-renewal" dir="ltr" style="[^"]*unicode-bidi:isolate;[^"]*word-break:break-all[^"]*">https:\/\/yusr\.example\.gov\/ar\/services\/passport-renewal<\/a>\.<\/p>/,
    );
    assert.match(html, /href="https:\/\/yusr\.example\.gov\/ar\/subscriptions\/manage\?t=abc"[^>]*>[^<]+<\/a>،/);
    assert.ok(!html.includes('href="javascript'), 'only web addresses become links');
    assert.match(text, /passport-renewal\./, 'the plain-text part is unchanged');
  });
});
