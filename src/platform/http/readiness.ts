import { slot } from '../app-state.ts';
import type { Deps } from '../deps.ts';

/** A readiness check: null when ready, else a short reason (shown by /readyz). */
export type ReadinessCheck = () => string | null;

const checks = slot<ReadinessCheck[]>('platform.readiness');

/** Adds a condition /readyz waits for besides the database (a module's in-process index, say). */
export function addReadinessCheck(deps: Deps, check: ReadinessCheck): void {
  deps.state.get(checks, () => []).push(check);
}

/** Why this node is not ready yet, or [] when every module's check passes. */
export function notReadyReasons(deps: Deps): string[] {
  return (deps.state.peek(checks) ?? []).map((c) => c()).filter((r): r is string => r !== null);
}
