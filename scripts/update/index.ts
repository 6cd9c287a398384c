/** `update`: public entry points. */
export { runUpdate, type PageOutcome, type UpdateOptions, type UpdateResult } from './update.ts';
export { runUpdateCommand } from './command.ts';
export {
  backoffDelay,
  createDirectoryFetcher,
  createHttpFetcher,
  createLimiter,
  FetchError,
  parseRetryAfter,
  rebaseUrl,
  type FetchPolicy,
  type PageFetcher,
  type PageRequest,
  type PageResponse,
} from './fetch-pages.ts';
export { planPages, pageKind, htmlFileName, DEFAULT_TAIL_BYTES, type PagePlan, type PageKind } from './plan.ts';
export { applyFetchedPages, type FetchedPage, type SnapshotChange } from './snapshot.ts';
