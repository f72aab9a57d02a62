/**
 * How many items of a list sorted by time come before `t` (binary search, O(log n)): with
 * `inclusive`, items at `t` count too. `timeOf(i)` is the i-th item's time.
 */
export function countUpTo(length: number, timeOf: (i: number) => number, t: number, inclusive = true): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = timeOf(mid);
    if (at < t || (inclusive && at === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
