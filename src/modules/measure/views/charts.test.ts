import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heatmapSvg } from './charts.ts';

describe('measure charts', () => {
  it("the heat map's column names wrap within their column, never cut short", () => {
    const columns = [
      'البنية التحتية الرقمية والأمن',
      'الخدمات الإلكترونية',
      'المستفيدون والمشاركة',
      'القيادة والحوكمة',
      'البيانات المفتوحة',
    ];
    const svg = heatmapSvg(
      'ar',
      ['وزارة الصحة', 'وزارة التعليم'],
      columns,
      [
        [80, 60, 40, 20, null],
        [10, 30, 50, 70, 90],
      ],
      100,
    );
    assert.doesNotMatch(svg, /…/, 'nothing truncated');
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
    for (const word of columns.join(' ').split(' ')) assert.ok(texts.includes(word), `«${word}» is shown`);
  });
});
