// Measure's test port: what tests and benchmarks outside this module use to run a measurement round
// end to end and to time its scoring. Only *.test.ts files, test/** and bench/** may import it
// (test/module-boundaries.test.ts); application code goes through public.ts.
// The use cases below drive frameworks, rounds, answers, evidence, review and results as the pages do.

/** Answering. */
export { saveAnswers } from './answers.service.ts';
/** Bulk answers: the dry run and applying it. */
export { applyAnswersUpload, previewAnswersUpload } from './bulk.service.ts';
/** Evidence files. */
export { addEvidence } from './evidence.service.ts';
/** Finalising and publishing a round. */
export { finaliseRound, publishRound } from './finalise.service.ts';
/** Importing, loading and publishing frameworks. */
export { definitionOf, importFramework, loadFramework, publishFramework } from './frameworks.service.ts';
/** A small framework, an opened round, answers and a PDF to upload. */
export { answersForm, openedRound, PDF, publishedFramework, smallFrameworkJson } from './measure.fixtures.ts';
/** Scores and results of a round. */
export { computeScores, roundResults } from './results.service.ts';
/** Reviewing answers. */
export { acceptPending, reviewAnswer } from './review.service.ts';
/** Reading and closing a round. */
export { closeNow, getRound } from './rounds.service.ts';
/** The `yusr score` command. */
export { runScoreCommand } from './scoring/cli.ts';
/** The scoring engine the benchmark times. */
export { scoreRound } from './scoring/engine.ts';
/** Fixture builders for the `yusr score` test. */
export { g, pct } from './scoring/fixtures/build.ts';
/** A framework's questions, as the engine reads them. */
export { questionsOf } from './scoring/framework.schema.ts';
/** Submitting answers. */
export { submitAnswers } from './submit.service.ts';
/** An answer's value as stored. */
export { valueToJson } from './values.ts';
/** The results page the benchmark renders. */
export { RANKING_PAGE_SIZE, ResultsPage } from './views/results.views.tsx';
