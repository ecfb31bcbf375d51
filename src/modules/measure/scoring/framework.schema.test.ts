import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { scoreRound } from './engine.ts';
import { answers, fw, g, levels3, pct, q } from './fixtures/build.ts';
import { FrameworkError, parseFramework, questionsOf } from './framework.schema.ts';

/** The issue lines a framework produces, or [] when it validates. */
function issuesOf(nodes: unknown[], extra: Record<string, unknown> = {}): string[] {
  try {
    fw(nodes, extra);
    return [];
  } catch (e) {
    assert.ok(e instanceof FrameworkError);
    return e.issues;
  }
}

describe('framework validation', () => {
  it('fills defaults: method, scale, decimals, stages, allow_na, evidence', () => {
    const f = fw([g('p', [q('x', 'yes_no')])]);
    assert.equal(f.method, 'weighted_mean');
    assert.deepEqual([f.settings.scale_max, f.settings.decimals, f.settings.stages.length], [100, 2, 4]);
    const [x] = questionsOf(f);
    assert.deepEqual([x.allow_na, x.evidence], [false, { required: false }]);
    assert.equal(f.nodes[0].type !== 'question' && f.nodes[0].method, 'weighted_mean');
  });

  it('names the path and key of every problem', () => {
    assert.deepEqual(issuesOf([g('p', [q('x', 'yes_no', { weight: 0 }), pct('y', { weight: -1 })])]), [
      'nodes[0]{p}.children[0]{x}.weight: Too small: expected number to be >0',
      'nodes[0]{p}.children[1]{y}.weight: Too small: expected number to be >0',
    ]);
    assert.deepEqual(issuesOf([g('p', [q('x', 'yes_no', { children: [pct('y')] })])]), [
      'nodes[0]{p}.children[0]{x}.children: a question is a leaf: it cannot have children',
    ]);
    assert.deepEqual(issuesOf([g('p', [])]), ['nodes[0]{p}.children: a perspective, axis or indicator needs at least one child']);
    assert.deepEqual(issuesOf([]), ['nodes: a framework needs at least one node']);
    assert.deepEqual(issuesOf([g('P 1', [q('x', 'yes_no')])]), [
      'nodes[0]{P 1}.key: a key is 1–64 lowercase Latin letters, digits, ".", "_" or "-", starting with a letter',
    ]);
    assert.match(
      issuesOf([g('p', [q('x', 'yes_no', { colour: 'red' })])])[0],
      /^nodes\[0\]\{p\}\.children\[0\]\{x\}: Unrecognized key: "colour"/,
    );
    assert.match(issuesOf([g('p', [q('x', 'essay')])])[0], /^nodes\[0\]\{p\}\.children\[0\]\{x\}\.answer_type: Invalid option/);
  });

  it('requires exactly the fields each answer type needs', () => {
    const scale = { min: 0, max: 10, direction: 'higher_better' };
    assert.deepEqual(
      issuesOf([g('p', [q('a', 'levels'), q('b', 'yes_no', { scale }), q('c', 'automatic', { scale }), q('d', 'number')])]),
      [
        'nodes[0]{p}.children[0]{a}.levels: required when answer_type is "levels"',
        'nodes[0]{p}.children[1]{b}.scale: not allowed when answer_type is "yes_no"',
        'nodes[0]{p}.children[2]{c}.automatic: required when answer_type is "automatic"',
        'nodes[0]{p}.children[3]{d}.scale: required when answer_type is "number"',
      ],
    );
    assert.deepEqual(
      issuesOf([
        g('p', [
          q('a', 'number', { scale: { min: 5, max: 5, direction: 'higher_better' } }),
          q('b', 'number', { scale: { ...scale, cap: 11 } }),
          q('c', 'levels', { levels: [levels3[0], { ...levels3[1], score: 1.5 }] }),
          q('d', 'automatic', { scale, automatic: { source: 'csat' } }),
        ]),
      ]),
      [
        'nodes[0]{p}.children[0]{a}.scale.max: max must be greater than min',
        'nodes[0]{p}.children[1]{b}.scale.cap: cap must lie between min and max',
        'nodes[0]{p}.children[2]{c}.levels[1]{l1}.score: Too big: expected number to be <=1',
        'nodes[0]{p}.children[3]{d}.automatic.source: a source looks like "module.measure"',
      ],
    );
  });

  it('checks the tree as a whole: unique keys, level order, sum weights', () => {
    assert.deepEqual(issuesOf([g('p', [q('x', 'yes_no')]), g('r', [q('x', 'yes_no'), q('p', 'yes_no')])]), [
      'nodes[1]{r}.children[0]{x}.key: duplicate key "x" (first used at nodes.0.children.0)',
      'nodes[1]{r}.children[1]{p}.key: duplicate key "p" (first used at nodes.0)',
    ]);
    assert.deepEqual(issuesOf([g('p', [q('x', 'levels', { levels: [levels3[0], levels3[0]] })])]), [
      'nodes[0]{p}.children[0]{x}.levels[1]{l0}.key: duplicate level key "l0"',
    ]);
    assert.deepEqual(issuesOf([g('a', [g('p', [q('x', 'yes_no')], { type: 'perspective' })], { type: 'axis' })]), [
      'nodes[0]{a}.children[0]{p}.type: a perspective cannot sit inside a lower-level node',
    ]);
    // Skipping levels and nesting indicators in indicators is allowed: depth is free, only the order is checked.
    assert.deepEqual(issuesOf([g('p', [g('i', [g('j', [q('x', 'yes_no')])])], { type: 'perspective' })]), []);
    assert.deepEqual(issuesOf([g('s', [q('x', 'yes_no', { weight: 0.3 }), q('y', 'yes_no', { weight: 0.3 })], { method: 'sum' })]), [
      'nodes[0]{s}.children: with method "sum" the children\'s weights are shares of the full mark and must total at least 1 (they total 0.6)',
    ]);
    assert.deepEqual(
      issuesOf([
        g(
          's',
          Array.from({ length: 10 }, (_, i) => q(`x${i}`, 'yes_no', { weight: 0.1 })),
          { method: 'sum' },
        ),
      ]),
      [],
    );
  });

  it('checks stages: increasing thresholds within the scale, unique keys', () => {
    const st = (key: string, min: number) => ({ key, name_ar: 'مرحلة', name_en: 'Stage', min });
    const nodes = [g('p', [q('x', 'yes_no')])];
    assert.deepEqual(issuesOf(nodes, { settings: { stages: [st('a', 0), st('b', 50), st('c', 50), st('b', 120)] } }), [
      'settings.stages[2]{c}.min: stage thresholds must increase strictly',
      'settings.stages[3]{b}.min: stage threshold exceeds the scale maximum',
      'settings.stages[3]{b}.key: duplicate stage key "b"',
    ]);
    assert.deepEqual(issuesOf(nodes, { settings: { decimals: 2.5, scale_max: 0 } }), [
      'settings.scale_max: Too small: expected number to be >0',
      'settings.decimals: Invalid input: expected int, received number',
    ]);
    assert.deepEqual(issuesOf(nodes, { settings: { stages: [] } }), []);
  });

  it('reports a non-object document at the root', () => {
    assert.throws(() => parseFramework([]), /\(root\): Invalid input: expected object, received array/);
  });
});

describe('the default framework', () => {
  const raw = JSON.parse(readFileSync(new URL('./default-framework.json', import.meta.url), 'utf8'));
  const f = parseFramework(raw);
  const questions = questionsOf(f);

  it('has the four program axes as perspectives, with 30–40 questions of every answer type', () => {
    assert.deepEqual(
      f.nodes.map((n) => [n.key, n.type, n.name_ar]),
      [
        ['infrastructure', 'perspective', 'البنية التحتية'],
        ['information', 'perspective', 'البيئة المعلوماتية والتقنية'],
        ['institutional', 'perspective', 'العمل المؤسسي'],
        ['services', 'perspective', 'الخدمات'],
      ],
    );
    assert.ok(questions.length >= 30 && questions.length <= 40, `${questions.length} questions`);
    assert.deepEqual(new Set(questions.map((x) => x.answer_type)), new Set(['yes_no', 'levels', 'percentage', 'number', 'automatic']));
    assert.deepEqual(
      questions.filter((x) => x.automatic).map((x) => [x.automatic?.source, x.scale?.direction]),
      [
        ['catalog.transactional_share', 'higher_better'],
        ['catalog.complete_live_share', 'higher_better'],
        ['notify.silent_launch_rate', 'lower_better'],
        ['feedback.csat', 'higher_better'],
        ['feedback.sla_compliance', 'higher_better'],
      ],
    );
  });

  it('is bilingual at every node and level', () => {
    const arabic = /[\u0600-\u06FF]/;
    const walk = (nodes: typeof f.nodes) => {
      for (const n of nodes) {
        assert.ok(arabic.test(n.name_ar) && !arabic.test(n.name_en) && n.name_en.length > 1, n.key);
        if (n.type === 'question')
          for (const l of n.levels ?? []) assert.ok(arabic.test(l.name_ar) && !arabic.test(l.name_en), `${n.key}.${l.key}`);
        else walk(n.children);
      }
    };
    walk(f.nodes);
  });

  it('scores full marks for best answers and 0 for none', () => {
    const best = Object.fromEntries(
      questions.map((x) => {
        if (x.answer_type === 'yes_no') return [x.key, true];
        if (x.answer_type === 'levels') return [x.key, x.levels?.at(-1)?.key ?? null];
        if (x.answer_type === 'percentage') return [x.key, 100];
        return [x.key, x.scale?.direction === 'higher_better' ? x.scale.max : (x.scale?.min ?? 0)];
      }),
    );
    const r = scoreRound(f, answers({ best, none: {} }));
    assert.deepEqual(
      r.agencies.map((a) => [a.agency, a.text, a.stage?.key]),
      [
        ['best', '100.00', 'excellence'],
        ['none', '0.00', 'building'],
      ],
    );
  });
});
