// Deterministic randomness for the demo catalog.

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, so every service draws from its own stream and adding one never reshuffles the rest. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
export const rngFor = (key: string) => mulberry32(hash(`yusr-demo-catalog:${key}`));

/** Shares out exact quotas: the lowest scores get the first value, and so on. */
export function quotas<T>(n: number, shares: [T, number][]): T[] {
  const out: T[] = [];
  let acc = 0;
  for (const [value, share] of shares) {
    acc += share;
    while (out.length < Math.round(acc * n)) out.push(value);
  }
  while (out.length < n) out.push(shares[shares.length - 1][0]);
  return out;
}
