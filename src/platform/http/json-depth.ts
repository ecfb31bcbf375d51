/**
 * How deeply the arrays and objects of a JSON text nest, found by one pass over the characters
 * (strings skipped) without building anything, so a file nested thousands of levels deep is
 * measured — and refused — before any recursive code (parsers, schema validators, JSON-LD) sees it.
 * Stops counting once `limit` is passed. Malformed text gets a number too; parsing reports it.
 */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}
