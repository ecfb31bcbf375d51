// Advisory's test port: use cases that seed requests for tests, accessibility samples and benchmarks
// (only *.test.ts files, test/** and bench/** may import it).
export {
  acceptRequest,
  addAdvisor,
  addComment,
  addFinding,
  addTask,
  answerInfo,
  assignAdvisor,
  closeRequest,
  deliver,
  requestInfo,
  respondToFinding,
  submitRequest,
  uploadDocument,
} from './advisory.service.ts';
export { cancelMeeting, changeAttendees, editMinutes, recordMinutes, rescheduleMeeting, scheduleMeeting } from './meetings.service.ts';
