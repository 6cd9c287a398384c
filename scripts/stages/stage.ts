/**
 * What a build stage is given and gives back. Types only: stage modules import this with
 * `import type`, so it is no part of any stage's code hash.
 */
import type { EmitReport } from '../emit/emit-openapi.ts';
import type { LintResult } from '../lint.ts';
import type { Diagnostic } from '../model.ts';
import type { SpecRow } from '../summary.ts';

export type Stage = 'specs' | 'types' | 'lint' | 'lib' | 'docs';

/** A spec as emitted: where it goes and its text. */
export interface EmittedSpec {
  readonly service: string;
  readonly version: string;
  /** Relative to root, e.g. `specs/data-flow/1.1.yaml`. */
  readonly file: string;
  readonly doc: Record<string, unknown>;
  readonly text: string;
  readonly report: EmitReport;
}

/** What the build reports, filled in by the stages that run (and kept from the last build for those skipped). */
export interface BuildReport {
  diagnostics: readonly Diagnostic[];
  rows: readonly SpecRow[];
  readonly specsWritten: string[];
  readonly specsUnchanged: string[];
  readonly specsRemoved: string[];
  lint?: LintResult;
  /** Milliseconds per step. */
  readonly timings: Record<string, number>;
}

export interface StageContext {
  readonly root: string;
  readonly strict: boolean;
  readonly log: (line: string) => void;
  /** The spec files (relative to root) that the stages after `specs` read. */
  specFiles: readonly string[];
  /** The specs this build emitted, when the specs stage ran (their parsed documents spare a YAML parse). */
  emitted?: readonly EmittedSpec[];
  readonly report: BuildReport;
  /** What each stage recorded in the build cache when it last ran (a stage may keep state there for its next run). */
  readonly recorded: Readonly<Partial<Record<Stage, StageRecord>>>;
}

/** One record per stage in .cache/build-state.json: the hash it ran for, what it wrote, and its own state. */
export interface StageRecord {
  /** '' when the stage failed: never equal to a stage's hash, so it runs again. */
  readonly key: string;
  readonly outputs: Readonly<Record<string, string>>;
  /** Whatever the stage asked to keep for its next run (JSON). */
  readonly state?: unknown;
}

export interface StageOutcome {
  /** False when the stage failed: the build fails and the stage is not recorded as done. */
  readonly ok: boolean;
  /** Files the stage wrote (relative to root) → sha256, checked before the stage is next skipped. */
  readonly outputs: Readonly<Record<string, string>>;
  /** The stages after this one must not run (their input would be wrong). */
  readonly halt?: boolean;
  /** Kept in the stage's record for its next run (also when it failed: what it did finish). */
  readonly state?: unknown;
}
