// Use cases that seed plans for tests and benchmarks only (test code may import a module's testing.ts).

export { proposeChange } from './baselines.service.ts';
export * as committees from './committees.service.ts';
export { setInitiativeArchived, setKpiArchived, setMilestoneArchived } from './edit.service.ts';
// The benchmark reads the same rows the roll-up and dashboard read, and times both.
export { dashboard, planFigures } from './followup.service.ts';
export * as planRepo from './plan.repo.ts';
export { addKpi, addMilestone, addPeriod, addTrack, createInitiative, createPlan, setPlanStatus, setPublished } from './plan.service.ts';
export { saveReport, submitReport } from './reports.service.ts';
export { addRisk } from './risks.service.ts';
export { defaultThresholds } from './rollup.ts';
export * as systems from './systems.service.ts';
