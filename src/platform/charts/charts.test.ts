import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartBase, localDigits, presentationAttributes, renderSvg } from './charts.tsx';

describe('server-rendered charts', () => {
  it('write an Arabic chart’s numbers as the page does: Arabic-Indic digits, ٫ and ٪, in text only', () => {
    const svg = '<svg width="720"><text x="10" y="20">12.5%</text><text>أ&#160;2026</text><path d="M0 0L10 10"/></svg>';
    assert.equal(
      localDigits('ar', svg),
      '<svg width="720"><text x="10" y="20">١٢٫٥٪\u061C</text><text>أ&#160;٢٠٢٦</text><path d="M0 0L10 10"/></svg>',
    );
    assert.equal(localDigits('en', svg), svg);
  });

  it('render each language from one option, with no inline style the content security policy would drop', () => {
    const option = (lang: 'ar' | 'en') => ({
      ...chartBase(lang),
      xAxis: { type: 'value' as const, min: 0, max: 100 },
      yAxis: { type: 'category' as const, data: ['x'] },
      series: [{ type: 'bar' as const, data: [42] }],
    });
    const ar = renderSvg(option('ar'), { width: 300, height: 120 }, 'ar');
    const en = renderSvg(option('en'), { width: 300, height: 120 }, 'en');
    assert.match(ar, />١٠٠</);
    assert.doesNotMatch(ar, /<text[^>]*>[^<]*[0-9][^<]*<\/text>/, 'no Latin digit left in an Arabic chart’s text');
    assert.match(en, />100</);
    for (const svg of [ar, en]) {
      assert.doesNotMatch(svg, / style="/);
      assert.doesNotMatch(svg, /<style/);
    }
    assert.equal(presentationAttributes('<text style="fill:#000;cursor:pointer">a</text>'), '<text fill="#000">a</text>');
  });
});
