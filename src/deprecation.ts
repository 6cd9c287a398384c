/**
 * Is a pinned API version on its way out? Pure: the clock and the threshold come in as arguments.
 *
 * The docs mark each operation-version CURRENT / SUPPORTED / DEPRECATED / PLANNED, with a "supported until"
 * date for the older ones; DEPRECATED means removal is less than 90 days away. Like SCP's Terraform provider,
 * we warn when the date falls within `maxRemainDays` (config `max-remain-days`, default 90) — or has passed.
 */
import type { ServiceVersionMeta, VersionStatus } from './registry-types.ts';
import { compareVersions } from './version-order.ts';

export interface DeprecationNotice {
  readonly service: string;
  /** The version the client is pinned to (`1.0`, or `latest`). */
  readonly version: string;
  /** `deprecated`: some operation is DEPRECATED; `ending`: a supported-until date is within the window;
   * `ended`: that date has passed; `planned`: some operation is documented but not callable yet. */
  readonly reason: 'deprecated' | 'ending' | 'ended' | 'planned';
  /** Earliest supported-until date among the version's operations (ISO yyyy-mm-dd). */
  readonly date?: string;
  /** Whole days from now until `date` (negative once passed). */
  readonly daysLeft?: number;
  /** Operations concerned, as `${METHOD} ${path}`. */
  readonly operations: readonly string[];
  /** Newest version of the same service whose operations are all CURRENT, when it differs from the pinned one. */
  readonly suggestedVersion?: string;
  /** One line for a log. */
  readonly message: string;
}

const DAY_MS = 86_400_000;

/**
 * The notice to give for `meta`, or `undefined` when the version is fine. `versions` (all versions of the
 * service, from the registry) lets the message name a version to move to.
 */
export function checkDeprecation(
  meta: ServiceVersionMeta,
  opts: { now: number; maxRemainDays: number; versions?: Readonly<Record<string, ServiceVersionMeta>> },
): DeprecationNotice | undefined {
  const entries = Object.entries(meta.operations);
  const withStatus = (status: VersionStatus): string[] => entries.filter(([, op]) => op.status === status).map(([k]) => k);

  let earliest: string | undefined;
  for (const [, op] of entries) if (op.notBefore && (earliest === undefined || op.notBefore < earliest)) earliest = op.notBefore;
  const daysLeft = earliest === undefined ? undefined : Math.floor((Date.parse(`${earliest}T00:00:00Z`) - opts.now) / DAY_MS);

  const deprecated = withStatus('DEPRECATED');
  const planned = withStatus('PLANNED');
  let reason: DeprecationNotice['reason'] | undefined;
  let operations: string[] = [];
  if (daysLeft !== undefined && daysLeft <= opts.maxRemainDays) {
    reason = daysLeft < 0 ? 'ended' : 'ending';
    operations = entries.filter(([, op]) => op.notBefore === earliest).map(([k]) => k);
  } else if (deprecated.length > 0) {
    reason = 'deprecated';
    operations = deprecated;
  } else if (planned.length > 0) {
    reason = 'planned';
    operations = planned;
  }
  if (reason === undefined) return undefined;

  const suggestedVersion = newestCurrent(opts.versions, meta.version);
  const pinned = `${meta.service} ${meta.version}`;
  const scope = operations.length === entries.length ? '' : ` (${operations.length} of ${entries.length} operations)`;
  const what =
    reason === 'ended'
      ? `was supported until ${earliest} (${-(daysLeft as number)} days ago)`
      : reason === 'ending'
        ? `is supported until ${earliest} (${daysLeft} days left)`
        : reason === 'deprecated'
          ? 'is DEPRECATED'
          : 'is PLANNED: documented but not callable yet';
  const advice = suggestedVersion ? `; move to ${meta.service} ${suggestedVersion}` : '';
  return {
    service: meta.service,
    version: meta.version,
    reason,
    ...(earliest !== undefined ? { date: earliest, daysLeft: daysLeft as number } : {}),
    operations,
    ...(suggestedVersion ? { suggestedVersion } : {}),
    message: `SCP API ${pinned} ${what}${scope}${advice}.`,
  };
}

/** Highest numbered version (not `latest`) whose operations are all CURRENT, if it is not `pinned`. */
function newestCurrent(versions: Readonly<Record<string, ServiceVersionMeta>> | undefined, pinned: string): string | undefined {
  if (!versions) return undefined;
  const candidates = Object.values(versions)
    .filter((v) => v.version !== 'latest' && v.version !== pinned)
    .filter((v) => {
      const ops = Object.values(v.operations);
      return ops.length > 0 && ops.every((op) => op.status === 'CURRENT');
    })
    .map((v) => v.version)
    .sort(compareVersions);
  return candidates.at(-1);
}
