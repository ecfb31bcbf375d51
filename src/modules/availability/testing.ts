// Availability's test port: use cases and the probe policy for tests, accessibility samples and
// benchmarks (only *.test.ts files, test/** and bench/** may import it).
import type { Deps } from '../../platform/deps.ts';
import { type ProbePolicy, probePolicy } from './probe.ts';

export { pruneRaw, type Result, recordResults, runDueProbes, userAgentOf } from './monitor.service.ts';
export { refusedRange, runProbe, targetProblem } from './probe.ts';
export { createProbe, setPaused, updateProbe } from './probes.service.ts';

/** Changes this app's probe policy (tests reach servers on 127.0.0.1 by allowing that one address). */
export function setProbePolicy(deps: Pick<Deps, 'state' | 'config'>, patch: Partial<ProbePolicy>): ProbePolicy {
  return Object.assign(probePolicy(deps), patch);
}
/** The status pages' reads, as the benchmark times them. */
export { historyBy, historyDates, nationalStatus } from './status.service.ts';
