/** API version order for the pipeline: the runtime's own (src/version-order.ts), so both sort versions alike. */
export { compareVersions, compareVersionsDesc } from '../src/version-order.ts';
