// Use cases that seed consultations for tests and accessibility samples only (test code may import a module's testing.ts).
export { answerTimes } from './answer-times.ts';
export {
  approveConsultation,
  completeConsultation,
  createConsultation,
  dayOf,
  disposeComment,
  publishConsultation,
  returnConsultation,
  setFinalText,
  submitConsultation,
} from './consultations.service.ts';
export { answerIdea, linkIdeaInitiatives, moderateIdea, proposeIdea, supportIdea } from './ideas.service.ts';
export { moderateComment } from './moderation.service.ts';
export { postComment, reportComment, verifiedParticipant, vote } from './participation.service.ts';
