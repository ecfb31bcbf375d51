// Picks one page of results without sorting every match: a bounded heap keeps the best
// offset+limit candidates (O(n log k)), and only those are sorted. Order is score, then id, so
// equal scores always come back in the same order.

/** Positions (into docs/scores) of the page [offset, offset+limit) of the best n candidates. */
export function rankPage(
  docs: Int32Array,
  scores: Float64Array,
  n: number,
  ids: readonly string[],
  offset: number,
  limit: number,
): number[] {
  const k = Math.min(n, offset + limit);
  if (k <= offset) return [];
  const better = (i: number, j: number) => scores[i] > scores[j] || (scores[i] === scores[j] && ids[docs[i]] < ids[docs[j]]);
  const byRank = (i: number, j: number) => (better(i, j) ? -1 : better(j, i) ? 1 : 0);
  if (k * 4 >= n) {
    const all = Array.from({ length: n }, (_, i) => i);
    return all.sort(byRank).slice(offset, k);
  }
  // Min-heap by rank: the root is the worst of the best k seen so far.
  const heap: number[] = [];
  const siftUp = (at: number) => {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!better(heap[parent], heap[at])) break;
      [heap[parent], heap[at]] = [heap[at], heap[parent]];
      at = parent;
    }
  };
  const siftDown = (at: number) => {
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let worst = at;
      if (l < heap.length && better(heap[worst], heap[l])) worst = l;
      if (r < heap.length && better(heap[worst], heap[r])) worst = r;
      if (worst === at) return;
      [heap[worst], heap[at]] = [heap[at], heap[worst]];
      at = worst;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      siftUp(heap.length - 1);
    } else if (better(i, heap[0])) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort(byRank).slice(offset, k);
}
