// Sorted-array merges of per-document scores: AND sums a document's scores across the words of a
// synonym phrase, OR (synonym alternatives) keeps its better one. Doc numbers ascend in every Match.
// Each document also carries two bit sets of field numbers: the fields its words matched as typed
// or stemmed (`exact`, ANDed across a phrase's words) and the fields any expansion matched (`any`).

/** Documents (sorted doc numbers) with one score and two field bit sets each. */
export interface Match {
  docs: Int32Array;
  scores: Float64Array;
  exact: Int32Array;
  any: Int32Array;
}

/** An empty match of room n. */
export function emptyMatch(n = 0): Match {
  return { docs: new Int32Array(n), scores: new Float64Array(n), exact: new Int32Array(n), any: new Int32Array(n) };
}

const cut = (m: Match, k: number): Match => ({
  docs: m.docs.subarray(0, k),
  scores: m.scores.subarray(0, k),
  exact: m.exact.subarray(0, k),
  any: m.any.subarray(0, k),
});

/** Documents in both, scores added; a field counts as exact only where both matched it exactly. */
export function intersect(a: Match, b: Match): Match {
  const out = emptyMatch(Math.min(a.docs.length, b.docs.length));
  let k = 0;
  for (let i = 0, j = 0; i < a.docs.length && j < b.docs.length; ) {
    if (a.docs[i] < b.docs[j]) i++;
    else if (a.docs[i] > b.docs[j]) j++;
    else {
      out.docs[k] = a.docs[i];
      out.exact[k] = a.exact[i] & b.exact[j];
      out.any[k] = a.any[i] | b.any[j];
      out.scores[k++] = a.scores[i++] + b.scores[j++];
    }
  }
  return cut(out, k);
}

/** Documents in either, the better score kept and the fields of both. */
export function union(a: Match, b: Match): Match {
  const out = emptyMatch(a.docs.length + b.docs.length);
  let k = 0;
  let i = 0;
  let j = 0;
  const take = (m: Match, at: number) => {
    out.docs[k] = m.docs[at];
    out.scores[k] = m.scores[at];
    out.exact[k] = m.exact[at];
    out.any[k++] = m.any[at];
  };
  while (i < a.docs.length || j < b.docs.length) {
    if (j >= b.docs.length || (i < a.docs.length && a.docs[i] < b.docs[j])) take(a, i++);
    else if (i >= a.docs.length || b.docs[j] < a.docs[i]) take(b, j++);
    else {
      out.docs[k] = a.docs[i];
      out.exact[k] = a.exact[i] | b.exact[j];
      out.any[k] = a.any[i] | b.any[j];
      out.scores[k++] = Math.max(a.scores[i++], b.scores[j++]);
    }
  }
  return cut(out, k);
}

/** Multiplies every score in place. */
export function scale(m: Match, factor: number): void {
  for (let i = 0; i < m.scores.length; i++) m.scores[i] *= factor;
}
