import type { Deps } from '../deps.ts';

/** A readiness check: null when ready, else a short reason (shown by /readyz). */
export type ReadinessCheck = () => string | null;

const checks = new WeakMap<Deps, ReadinessCheck[]>();

/** Adds a condition /readyz waits for besides the database (a module's in-process index, say). */
export function addReadinessCheck(deps: Deps, check: ReadinessCheck): void {
  const list = checks.get(deps) ?? [];
  list.push(check);
  checks.set(deps, list);
}

/** Why this node is not ready yet, or [] when every module's check passes. */
export function notReadyReasons(deps: Deps): string[] {
  return (checks.get(deps) ?? []).map((c) => c()).filter((r): r is string => r !== null);
}
