/**
 * The three readers must make the same doc model of the same docs content. Each fixture is one page
 * of the site in three renderings: Docsy HTML (test/fixtures/html/<name>.html), the markdown layout
 * (test/fixtures/text/<name>.md.txt, as sources/003) and the flat layout (<name>.flat.txt, as
 * sources/001), with the text copied from the real snapshot.
 *
 * What legitimately differs is normalised away: source refs (file/line), layout, stats and
 * diagnostics; the markdown layout carries no service heading, overview, URL, environments or
 * models, so against it only each service's id and operations are compared; an APIs print page
 * has no service heading in HTML, while the flat layout always starts with one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ServiceDoc, SourceDoc } from '../../scripts/model.ts';
import { readDocsyHtml } from '../../scripts/readers/docsy-html.ts';
import { readFlatText } from '../../scripts/readers/flat-text.ts';
import { readMarkdownText } from '../../scripts/readers/markdown-text.ts';

const FIXTURES = new URL('../fixtures/', import.meta.url);

interface Fixture {
  readonly name: string;
  /** Service fields the HTML page cannot carry although the flat rendering does. */
  readonly htmlLacks: readonly (keyof ServiceDoc)[];
}

const CASES: readonly Fixture[] = [
  // `…/data-flow/apis/_print/`: no service heading above the APIs section.
  { name: 'data-flow-apis-print', htmlLacks: ['title'] },
  // Per-operation page titled `1.1`; the breadcrumb names operation and service.
  { name: 'quick-query-ListQuickQueryImages-1.1', htmlLacks: [] },
  // English per-operation page titled with the operation name.
  { name: 'aimlops-ListAIMLOpsPlatform-1.0-en', htmlLacks: [] },
  { name: 'data-flow-model-DataFlowBodyCreate', htmlLacks: [] },
  { name: 'data-flow-model-Tag', htmlLacks: [] },
  // `…/data-analytics/_print/` subset: service overview, one operation, one model.
  { name: 'data-analytics-print', htmlLacks: [] },
];

function read(name: string, ext: string): string {
  return readFileSync(new URL(`${ext === 'html' ? 'html' : 'text'}/${name}.${ext}`, FIXTURES), 'utf8');
}

/** Plain JSON data without source refs or undefined members, with keys in a stable order. */
function plain(value: unknown): unknown {
  const json: unknown = JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'source' ? undefined : v)));
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return sortKeys(json);
}

function withoutFields(services: readonly ServiceDoc[], fields: readonly (keyof ServiceDoc)[]): ServiceDoc[] {
  return services.map((s) => {
    const copy: Record<string, unknown> = { ...s };
    for (const f of fields) delete copy[f];
    return copy as unknown as ServiceDoc;
  });
}

/** What the markdown layout can carry: per service, its id and operations. */
function operationsOnly(services: readonly ServiceDoc[]): unknown {
  return services.filter((s) => s.operations.length > 0).map((s) => ({ id: s.id, operations: s.operations }));
}

function problems(doc: SourceDoc, severities: readonly string[]): string[] {
  return doc.diagnostics.filter((d) => severities.includes(d.severity)).map((d) => `${d.source.line}: ${d.code} ${d.message}`);
}

describe.each(CASES)('readers agree on $name', ({ name, htmlLacks }) => {
  const html = readDocsyHtml(read(name, 'html'), `${name}.html`);
  const flat = readFlatText(read(name, 'flat.txt'), `${name}.flat.txt`);
  const markdown = readMarkdownText(read(name, 'md.txt'), `${name}.md.txt`);
  const operationCount = html.services.reduce((n, s) => n + s.operations.length, 0);
  const modelCount = html.services.reduce((n, s) => n + s.models.length, 0);

  it('the HTML reader reads the page cleanly and finds something to compare', () => {
    expect(problems(html, ['error', 'warning'])).toEqual([]);
    expect(operationCount + modelCount).toBeGreaterThan(0);
  });

  it('HTML and flat text give the same services, operations and models', () => {
    expect(problems(flat, ['error'])).toEqual([]);
    expect(plain(withoutFields(html.services, htmlLacks))).toEqual(plain(withoutFields(flat.services, htmlLacks)));
  });

  // Model pages carry no operations, and the markdown layout carries no models: nothing to compare.
  if (operationCount > 0) {
    it('HTML and markdown text give the same operations', () => {
      expect(problems(markdown, ['error'])).toEqual([]);
      expect(plain(operationsOnly(markdown.services))).toEqual(plain(operationsOnly(html.services)));
    });
  }

  if (htmlLacks.length > 0) {
    it('the fields the HTML page lacks are really on the flat side', () => {
      for (const field of htmlLacks) {
        expect(html.services.every((s) => s[field] === undefined)).toBe(true);
        expect(flat.services.some((s) => s[field] !== undefined)).toBe(true);
      }
    });
  }
});
