// Sorted-array merges of per-document scores: AND sums a document's scores across query words,
// OR (synonym alternatives) keeps its better one. Doc numbers ascend in every Match.

/** Documents (sorted doc numbers) with one score each. */
export interface Match {
  docs: Int32Array;
  scores: Float64Array;
}

/** Documents in both, scores added. */
export function intersect(a: Match, b: Match): Match {
  const n = Math.min(a.docs.length, b.docs.length);
  const docs = new Int32Array(n);
  const scores = new Float64Array(n);
  let k = 0;
  for (let i = 0, j = 0; i < a.docs.length && j < b.docs.length; ) {
    if (a.docs[i] < b.docs[j]) i++;
    else if (a.docs[i] > b.docs[j]) j++;
    else {
      docs[k] = a.docs[i];
      scores[k++] = a.scores[i++] + b.scores[j++];
    }
  }
  return { docs: docs.subarray(0, k), scores: scores.subarray(0, k) };
}

/** Documents in either, the better score kept. */
export function union(a: Match, b: Match): Match {
  const docs = new Int32Array(a.docs.length + b.docs.length);
  const scores = new Float64Array(docs.length);
  let k = 0;
  let i = 0;
  let j = 0;
  while (i < a.docs.length || j < b.docs.length) {
    if (j >= b.docs.length || (i < a.docs.length && a.docs[i] < b.docs[j])) {
      docs[k] = a.docs[i];
      scores[k++] = a.scores[i++];
    } else if (i >= a.docs.length || b.docs[j] < a.docs[i]) {
      docs[k] = b.docs[j];
      scores[k++] = b.scores[j++];
    } else {
      docs[k] = a.docs[i];
      scores[k++] = Math.max(a.scores[i++], b.scores[j++]);
    }
  }
  return { docs: docs.subarray(0, k), scores: scores.subarray(0, k) };
}

/** Multiplies every score in place. */
export function scale(m: Match, factor: number): void {
  for (let i = 0; i < m.scores.length; i++) m.scores[i] *= factor;
}
