// Use cases that seed plans for tests and benchmarks only (test code may import a module's testing.ts).

export { proposeChange } from './baselines.service.ts';
export { addKpi, addMilestone, addPeriod, addTrack, createInitiative, createPlan, setPlanStatus, setPublished } from './plan.service.ts';
export { saveReport, submitReport } from './reports.service.ts';
export { addRisk } from './risks.service.ts';
