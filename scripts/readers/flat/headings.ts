/**
 * Heading recognition for the flat layout (SOURCE-FORMATS.md 2.1): `S - Title`, `S.1 - APIs`,
 * `S.1.K - OpName`, `S.1.K.V - 1.1`, `S.2 - Models`, `S.2.K - ModelName`. A numbered line is a heading
 * only if its number continues the sequence. A small forward jump (a heading or two missing) is still
 * accepted so that one lost line does not hide the rest of the file; the caller reports it.
 */

type HeadingKind = 'service' | 'apis' | 'models' | 'section' | 'operation' | 'version' | 'model' | 'unknown';

export interface Heading {
  readonly kind: HeadingKind;
  readonly number: string;
  readonly title: string;
  /** Operation name of a version heading (undefined when the operation heading is missing). */
  readonly operation?: string;
  /** Set when the number did not continue the sequence exactly: what appears to be missing. */
  readonly gap?: string;
  /** Set when a service / section heading above this one is missing. */
  readonly impliedService: boolean;
}

export type HeadingVerdict =
  | { readonly accepted: true; readonly heading: Heading }
  | { readonly accepted: false; readonly reason: string }
  | undefined;

// Bounded repetition keeps the match linear on junk input.
const HEADING = /^(\d{1,6}(?:\.\d{1,6}){0,7}) - (.+)$/;
const MAX_DEPTH = 4;
/**
 * How many headings may be missing between two accepted ones. A lost leaf heading (model, version)
 * makes the next sibling skip a number; a lost service or section heading never does, because its
 * first child follows it.
 */
const SLACK = 1;
const SIBLING_SKIP_MIN_DEPTH = 3;

type SectionKind = 'apis' | 'models' | 'unknown';

export class HeadingTracker {
  private current: number[] = [];
  private section: SectionKind | undefined;
  private operation: string | undefined;

  /** undefined: not heading-shaped. */
  consider(text: string): HeadingVerdict {
    const m = HEADING.exec(text);
    if (!m) return undefined;
    const numberText = m[1] as string;
    const title = (m[2] as string).trim();
    const numbers = numberText.split('.').map(Number);
    const depth = numbers.length;
    if (depth > MAX_DEPTH) return { accepted: false, reason: `heading depth ${depth} is deeper than ${MAX_DEPTH}` };

    let diff = -1;
    for (let i = 0; i < depth; i++) {
      if (numbers[i] !== (this.current[i] ?? 0)) {
        diff = i;
        break;
      }
    }
    if (diff < 0) return { accepted: false, reason: `number ${numberText} repeats or goes back (expected one of ${this.expected()})` };
    const at = numbers[diff] as number;
    const was = this.current[diff] ?? 0;
    if (at <= was) return { accepted: false, reason: `number ${numberText} goes back (expected one of ${this.expected()})` };
    let skipped = at - was - 1;
    for (let j = diff + 1; j < depth; j++) skipped += Math.max(0, (numbers[j] as number) - 1);
    if (numbers.slice(diff + 1).some((n) => n < 1)) return { accepted: false, reason: `number ${numberText} has a zero component` };
    if (skipped > (depth >= SIBLING_SKIP_MIN_DEPTH ? SLACK : 0)) return { accepted: false, reason: `number ${numberText} skips too far (expected one of ${this.expected()})` };

    // Kinds of the levels above this heading, including levels whose heading is missing.
    let section = diff <= 1 ? undefined : this.section;
    if (depth >= 2) {
      if (diff <= 1) section = depth === 2 ? sectionOf(title, numbers[1] as number) : sectionFromNumber(numbers[1] as number);
    }
    let kind: HeadingKind;
    if (depth === 1) kind = 'service';
    else if (depth === 2) kind = section === 'apis' ? 'apis' : section === 'models' ? 'models' : 'section';
    else if (depth === 3) kind = section === 'apis' ? 'operation' : section === 'models' ? 'model' : 'unknown';
    else {
      if (section !== 'apis') return { accepted: false, reason: `a depth-4 heading ${numberText} outside an APIs section` };
      kind = 'version';
    }

    const exact = skipped === 0 && diff === depth - 1;
    const gap = exact ? undefined : `expected one of ${this.expected()}`;
    const operation = kind === 'operation' ? title : kind === 'version' && diff >= 3 ? this.operation : undefined;
    this.current = numbers;
    this.section = section;
    if (kind === 'operation') this.operation = title;
    else if (depth < 3 || (kind === 'version' && diff < 3)) this.operation = undefined;
    const heading: Heading = { kind, number: numberText, title, operation, gap, impliedService: diff === 0 && depth > 1 };
    return { accepted: true, heading };
  }

  /** The numbers that would continue the sequence exactly, for messages. */
  private expected(): string {
    const out: string[] = [];
    for (let d = 1; d <= Math.min(this.current.length + 1, MAX_DEPTH); d++) {
      const prefix = this.current.slice(0, d - 1);
      out.push([...prefix, (this.current[d - 1] ?? 0) + 1].join('.'));
    }
    return out.join(', ');
  }
}

function sectionFromNumber(n: number): SectionKind {
  // The seeds always put APIs first and Models second.
  return n === 1 ? 'apis' : n === 2 ? 'models' : 'unknown';
}

function sectionOf(title: string, n: number): SectionKind {
  if (title === 'APIs') return 'apis';
  if (title === 'Models') return 'models';
  return sectionFromNumber(n);
}
