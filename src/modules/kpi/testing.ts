// Use cases that seed performance figures for tests and the accessibility samples only (test code may import a module's testing.ts).

export { addMonths } from './kpi.math.ts';
export { remindMissing } from './kpi.reminders.ts';
export { currentMonth } from './kpi.schema.ts';
export { saveMonth } from './kpi.service.ts';
