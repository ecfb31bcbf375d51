import type { App } from '../../../src/app.ts';

/** What every sample builder gets: the app's dependencies and the program administrator browsing. */
export interface SampleContext {
  deps: App;
  adminEmail: string;
  drain(): Promise<void>;
}

export type SampleBuilder = (ctx: SampleContext) => Promise<Record<string, string>>;
