import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attemptPasses, evaluateCompletion } from './completion.ts';

// Completion rules with known answers: the boundaries are where rounding would go wrong.

describe('training: completion from the criteria', () => {
  const c = { minAttendancePct: 70, passMarkPct: 60 };

  it('completes at exactly the attendance share and exactly the pass mark', () => {
    const r = evaluateCompletion(c, { sessions: 10, attended: 7, attempts: [{ correct: 6, total: 10 }] });
    assert.deepEqual(r, { attendance: 0.7, attendanceMet: true, assessmentMet: true, bestScore: 0.6, assignmentMet: null, complete: true });
  });

  it('does not complete one session short, however good the assessment', () => {
    const r = evaluateCompletion(c, { sessions: 10, attended: 6, attempts: [{ correct: 10, total: 10 }] });
    assert.equal(r.attendanceMet, false);
    assert.equal(r.assessmentMet, true);
    assert.equal(r.complete, false);
  });

  it('counts 2 of 3 sessions as below 70 % and 3 of 3 as above (no rounding up of 66.7 %)', () => {
    assert.equal(evaluateCompletion(c, { sessions: 3, attended: 2, attempts: [{ correct: 3, total: 5 }] }).complete, false);
    assert.equal(evaluateCompletion(c, { sessions: 3, attended: 3, attempts: [{ correct: 3, total: 5 }] }).complete, true);
  });

  it('takes the best of several attempts and refuses a mark just under the pass mark', () => {
    assert.equal(attemptPasses({ correct: 5, total: 9 }, 60), false); // 55.6 %
    assert.equal(attemptPasses({ correct: 3, total: 5 }, 60), true);
    const r = evaluateCompletion(c, {
      sessions: 4,
      attended: 4,
      attempts: [
        { correct: 2, total: 5 },
        { correct: 5, total: 9 },
      ],
    });
    assert.equal(r.assessmentMet, false);
    assert.equal(r.complete, false);
    assert.equal(r.bestScore, 5 / 9);
    const passed = evaluateCompletion(c, {
      sessions: 4,
      attended: 4,
      attempts: [
        { correct: 2, total: 5 },
        { correct: 4, total: 5 },
      ],
    });
    assert.equal(passed.complete, true);
    assert.equal(passed.bestScore, 0.8);
  });

  it('needs an attempt when the programme has an assessment, and none when it has not', () => {
    assert.equal(evaluateCompletion(c, { sessions: 2, attended: 2, attempts: [] }).complete, false);
    const noTest = evaluateCompletion({ minAttendancePct: 50, passMarkPct: null }, { sessions: 2, attended: 1, attempts: [] });
    assert.deepEqual(noTest, {
      attendance: 0.5,
      attendanceMet: true,
      assessmentMet: null,
      bestScore: null,
      assignmentMet: null,
      complete: true,
    });
  });

  it('meets an attendance criterion without sessions only when it asks for 0 %', () => {
    assert.equal(
      evaluateCompletion({ minAttendancePct: 80, passMarkPct: null }, { sessions: 0, attended: 0, attempts: [] }).complete,
      false,
    );
    assert.equal(
      evaluateCompletion({ minAttendancePct: 0, passMarkPct: 50 }, { sessions: 0, attended: 0, attempts: [{ correct: 1, total: 2 }] })
        .complete,
      true,
    );
  });

  it('never counts more attended sessions than there are, nor an empty attempt', () => {
    const r = evaluateCompletion(
      { minAttendancePct: 100, passMarkPct: 0 },
      { sessions: 2, attended: 5, attempts: [{ correct: 0, total: 0 }] },
    );
    assert.equal(r.attendance, 1);
    assert.equal(r.assessmentMet, false);
  });

  it('needs an accepted assignment when the programme asks for one, whatever else is met', () => {
    const withAssignment = { minAttendancePct: 50, passMarkPct: 60, assignmentRequired: true };
    const all = { sessions: 2, attended: 2, attempts: [{ correct: 10, total: 10 }] };
    const missing = evaluateCompletion(withAssignment, all);
    assert.equal(missing.assignmentMet, false);
    assert.equal(missing.complete, false);
    assert.equal(evaluateCompletion(withAssignment, { ...all, assignmentAccepted: false }).complete, false);
    assert.deepEqual(evaluateCompletion(withAssignment, { ...all, assignmentAccepted: true }), {
      attendance: 1,
      attendanceMet: true,
      assessmentMet: true,
      bestScore: 1,
      assignmentMet: true,
      complete: true,
    });
    // An accepted assignment does not make up for attendance or a failed assessment.
    assert.equal(evaluateCompletion(withAssignment, { ...all, attended: 0, assignmentAccepted: true }).complete, false);
    assert.equal(
      evaluateCompletion(withAssignment, { ...all, attempts: [{ correct: 5, total: 10 }], assignmentAccepted: true }).complete,
      false,
    );
    // Without an assessment, attendance and the accepted assignment suffice.
    assert.equal(
      evaluateCompletion(
        { minAttendancePct: 100, passMarkPct: null, assignmentRequired: true },
        { sessions: 1, attended: 1, attempts: [], assignmentAccepted: true },
      ).complete,
      true,
    );
    // A programme without an assignment ignores one.
    assert.equal(
      evaluateCompletion({ minAttendancePct: 50, passMarkPct: null }, { ...all, assignmentAccepted: false }).assignmentMet,
      null,
    );
  });
});
