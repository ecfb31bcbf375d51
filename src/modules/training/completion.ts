/** A programme's completion criteria. */
export interface Criteria {
  /** Share of the offering's sessions a person must attend (0–100). */
  minAttendancePct: number;
  /** Assessment mark needed (0–100), or null when the programme has no assessment. */
  passMarkPct: number | null;
  /** Whether the programme asks for an assignment (then it must have been accepted). */
  assignmentRequired?: boolean;
}

/** What is known of one person's enrolment. */
export interface Evidence {
  sessions: number;
  attended: number;
  /** Submitted attempts: questions answered correctly out of those asked. */
  attempts: readonly { correct: number; total: number }[];
  /** Whether the person's assignment was accepted (a submitted or returned one is not). */
  assignmentAccepted?: boolean;
}

export interface CompletionResult {
  /** Attendance as a share 0..1 of the sessions, null when the offering has none. */
  attendance: number | null;
  attendanceMet: boolean;
  /** null when the programme has no assessment. */
  assessmentMet: boolean | null;
  /** The best attempt's share 0..1, null when none was submitted. */
  bestScore: number | null;
  /** null when the programme asks for no assignment. */
  assignmentMet: boolean | null;
  complete: boolean;
}

/** Whether an attempt reaches the pass mark, in integers (no rounding at the boundary: 7/10 passes 70). */
export const attemptPasses = (a: { correct: number; total: number }, passMarkPct: number) =>
  a.total > 0 && a.correct * 100 >= passMarkPct * a.total;

/**
 * Completion from the criteria, never by hand: attendance at or above the share asked for (counted in
 * integers, so 7 of 10 sessions meets 70 %) and, when the programme has one, a passed assessment.
 * An offering without sessions meets an attendance criterion only when it asks for 0 %. When the
 * programme asks for an assignment, it must also have been accepted.
 */
export function evaluateCompletion(c: Criteria, e: Evidence): CompletionResult {
  const attended = Math.min(Math.max(e.attended, 0), e.sessions);
  const attendanceMet = e.sessions > 0 ? attended * 100 >= c.minAttendancePct * e.sessions : c.minAttendancePct === 0;
  const scored = e.attempts.filter((a) => a.total > 0);
  const bestScore = scored.length ? Math.max(...scored.map((a) => a.correct / a.total)) : null;
  const assessmentMet = c.passMarkPct === null ? null : scored.some((a) => attemptPasses(a, c.passMarkPct as number));
  const assignmentMet = c.assignmentRequired ? e.assignmentAccepted === true : null;
  return {
    attendance: e.sessions > 0 ? attended / e.sessions : null,
    attendanceMet,
    assessmentMet,
    bestScore,
    assignmentMet,
    complete: attendanceMet && assessmentMet !== false && assignmentMet !== false,
  };
}
