// Use cases that seed training data for tests and benchmarks only (test code may import a module's testing.ts).
export { decideAssignment, submitGuestAssignment, submitStaffAssignment } from './assignments.service.ts';
export { approve, cancel, enrolSelf, nominate, reject } from './enrolment.service.ts';
export { sendEvaluations } from './evaluation.ts';
export { exportProgressXlsx } from './exports.ts';
export { manageToken, requestGuestCode, verifyGuestCode } from './guests.service.ts';
export {
  exportProgress,
  markAttendance,
  nationalProgress,
  recordCompletion,
  setTarget,
  startAttempt,
  submitAttempt,
} from './progress.service.ts';
export { attendByCode, issueSessionCode } from './session-codes.service.ts';
export {
  addQuestion,
  addSession,
  addTrainer,
  createOffering,
  createProgramme,
  setOfferingStatus,
  setProgrammePublished,
} from './training.service.ts';
