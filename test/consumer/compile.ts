/**
 * Type-checks (and optionally emits) files of a consumer project with the TypeScript API, one program per compiler
 * setting. Parsed declaration files (lib, @types/node, the package's own) are shared between the programs: they
 * are most of the cost, and parsing does not depend on the type-checking options.
 */
import path from 'node:path';
import ts from 'typescript';

const parsed = new Map<string, ts.SourceFile>();

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    if (!fileName.endsWith('.d.ts')) return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
    const format = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions.impliedNodeFormat : undefined;
    const version = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions.languageVersion : languageVersionOrOptions;
    const key = `${fileName}\0${version}\0${format}`;
    let file = parsed.get(key);
    if (!file) {
      file = getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
      if (file) parsed.set(key, file);
    }
    return file;
  };
  return host;
}

/** Diagnostics as `file(line,col): TSxxxx message`, file relative to `cwd`; emits when `options.noEmit` is false. */
export function compile(rootNames: readonly string[], options: ts.CompilerOptions, cwd: string): string[] {
  const program = ts.createProgram({ rootNames, options, host: cachingHost(options) });
  const diagnostics = [...ts.getPreEmitDiagnostics(program)];
  if (!options.noEmit && diagnostics.length === 0) diagnostics.push(...program.emit().diagnostics);
  return diagnostics.map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return `TS${d.code} ${message}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(cwd, d.file.fileName)}(${line + 1},${character + 1}): TS${d.code} ${message}`;
  });
}

export interface Variant {
  readonly name: string;
  readonly options: ts.CompilerOptions;
}

/** Strict settings a careful consumer might use, under each module resolution, with and without @types/node. */
export function consumerVariants(): Variant[] {
  const strict: ts.CompilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    skipDefaultLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
  };
  const resolutions: [string, ts.CompilerOptions][] = [
    ['NodeNext', { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }],
    ['Node16', { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }],
    ['Bundler', { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }],
  ];
  const environments: [string, ts.CompilerOptions][] = [
    // Node types supply fetch/Request/Response; no DOM.
    ['@types/node', { types: ['node'], lib: ['lib.es2022.d.ts'] }],
    // A browser-style project: DOM, no Node types at all.
    ['no @types/node', { types: [], lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'] }],
  ];
  return resolutions.flatMap(([r, resolution]) =>
    environments.map(([e, environment]) => ({ name: `${r}, ${e}`, options: { ...strict, ...resolution, ...environment } })),
  );
}
