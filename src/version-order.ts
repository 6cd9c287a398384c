/**
 * API version order, shared by the runtime (deprecation advice) and every pipeline stage (they import it from
 * here): numeric per dotted part, so 1.10 > 1.9 and 2.0 > 1.99.
 */

/**
 * Compare dotted versions numerically part by part; missing parts count as 0 (`1` = `1.0`);
 * non-numeric parts compare as text, so `latest` sorts after every numbered version.
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    const c = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return Math.sign(c);
  }
  return 0;
}

/** Newest first. */
export function compareVersionsDesc(a: string, b: string): number {
  return compareVersions(b, a);
}
