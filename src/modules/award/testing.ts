// Use cases that seed the award for tests and the accessibility samples (test code may import a module's testing.ts).
export { assignJudges } from './assignment.ts';
export {
  addBranch,
  createCycle,
  createNomination,
  extendDeadline,
  localInstant,
  screenNomination,
  submitNomination,
  withdrawNomination,
} from './award.service.ts';
export { approveDecision, proposeDecision, publishResults } from './decisions.service.ts';
export { postToDiscussion } from './discussion.service.ts';
export { createEntrantNomination, requestEntrantCode, verifyEntrantCode } from './entrants.service.ts';
export { addConflict, addJudge, runAssignment, saveReview } from './judging.service.ts';
export { saveQuestions } from './questions.ts';
