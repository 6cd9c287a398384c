/**
 * Offset → 1-based line number for one text. The line-start table is built once per document so
 * that each lookup is a binary search (a Docsy page is ~4 MB and holds thousands of elements).
 */
export type LineLocator = (offset: number) => number;

export function lineLocator(text: string): LineLocator {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
