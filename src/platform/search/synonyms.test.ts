import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from './analyzer.ts';
import { Synonyms } from './synonyms.ts';

// How a query's words become alternatives (issue 12): groups that share a phrase meet, one step and
// through phrases only; a member holding a negation matches only where the query holds it too.

/** Each clause of a query as its alternatives, each alternative as its stems. */
function clauses(s: Synonyms, query: string): string[][] {
  const tokens = analyze(query, { keepStopWords: true }).filter((t) => !t.stop);
  return s.expand(tokens, false).map((c) => c.map((alt) => alt.map((t) => t.token.stem).join(' ')));
}
const stems = (phrase: string) =>
  analyze(phrase)
    .map((t) => t.stem)
    .join(' ');

describe('synonym groups that share a phrase', () => {
  const s = new Synonyms();
  s.set([
    ['تأشيرة زيارة', 'فيزا زيارة', 'visit visa'],
    ['تأشيرة زيارة', 'إذن دخول زيارة', 'visit entry permit'],
    ['إذن دخول زيارة', 'تصريح زيارة عائلية'],
    ['id', 'هويتي', 'identity card'],
    ['id', 'student card'],
  ]);

  it('meet: «فيزا زيارة» reaches «إذن دخول زيارة» through «تأشيرة زيارة», which both groups hold', () => {
    const [alts] = clauses(s, 'فيزا زيارة');
    assert.ok(alts.includes(stems('إذن دخول زيارة')), alts.join(' | '));
    assert.ok(alts.includes('visit entri permit'));
  });

  it('meet one step only: a group linked to the linked group is not reached', () => {
    const [alts] = clauses(s, 'فيزا زيارة');
    assert.ok(!alts.includes(stems('تصريح زيارة عائلية')), alts.join(' | '));
  });

  it('do not meet through one shared word, which may be broader («id» beside a student card)', () => {
    const [alts] = clauses(s, 'هويتي');
    assert.ok(alts.includes('ident card'));
    assert.ok(!alts.includes('student card'), alts.join(' | '));
  });
});

describe('synonym members holding a negation', () => {
  const s = new Synonyms();
  s.set([
    ['عدم محكومية', 'لا حكم عليه', 'وثيقة لا حكم عليه'],
    ['no objection', 'عدم ممانعة'],
  ]);

  it('match only where the query has the negation: «حكم» alone is a judgment', () => {
    assert.deepEqual(clauses(s, 'تنفيذ حكم'), [['تنفيذ'], ['حكم']]);
    assert.deepEqual(clauses(s, 'objection'), [['object']]);
  });

  it('match in a sentence, and then the bare word is not the query’s own alternative', () => {
    const [alts] = clauses(s, 'شلون بطلع لا حكم عليه');
    assert.ok(alts.includes(stems('عدم محكومية')), alts.join(' | '));
    assert.ok(!alts.includes('حكم'), alts.join(' | '));
    const [noc] = clauses(s, 'no objection');
    assert.ok(noc.includes(stems('عدم ممانعة')) && !noc.includes('object'), noc.join(' | '));
  });

  it('are never offered to documents as their bare word; a negated phrase of two words is', () => {
    const [alts] = clauses(s, 'عدم محكومية');
    assert.ok(!alts.includes('حكم'), alts.join(' | '));
    assert.ok(alts.includes(stems('وثيقة لا حكم عليه')));
  });
});
