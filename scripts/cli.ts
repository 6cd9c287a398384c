/**
 * `scp-openapi` command line: build, docs, docs-serve, update, diff. Argument parsing (commander)
 * and printing only; every command's work lives in its own module.
 */
import path from 'node:path';
import { Command } from 'commander';
import type { BuildResult, Stage } from './build.ts';
import { countByCode, describeFailure, formatDiagnostic, formatSpecTable } from './summary.ts';

const root = path.resolve(import.meta.dirname, '..');

function printBuild(result: BuildResult, verbose: boolean): void {
  const out = (s: string): void => void process.stdout.write(`${s}\n`);
  out(formatSpecTable(result.rows));
  const shown = result.diagnostics.filter((d) => verbose || d.severity !== 'info');
  if (shown.length > 0) {
    out(`\n${shown.length} diagnostics:`);
    for (const [code, n] of countByCode(shown)) out(`  ${String(n).padStart(4)}  ${code}`);
    out('');
    for (const d of shown) out(formatDiagnostic(d));
  }
  const inferred = new Map<string, Set<string>>();
  for (const r of result.rows) for (const s of r.inferredSchemas) inferred.set(r.service, (inferred.get(r.service) ?? new Set()).add(s));
  if (inferred.size > 0) out('\nSchemas inferred from examples (x-scp-inferred: true):');
  for (const [service, names] of inferred) out(`  ${service}: ${[...names].sort().join(', ')}`);
  if (result.lint) {
    out(`\nredocly lint: ${result.lint.errors} errors, ${result.lint.warnings} warnings (${result.lint.ms.toFixed(0)} ms)`);
    for (const p of result.lint.problems) out(`  ${p}`);
  }
  const t = result.timings;
  out(
    `\nstages run: ${result.stagesRun.join(', ') || 'none'}; skipped (unchanged): ${result.stagesSkipped.join(', ') || 'none'}` +
      `\nspecs written: ${result.specsWritten.length}, unchanged: ${result.specsUnchanged.length}, removed: ${result.specsRemoved.length}` +
      (t.parseEmit !== undefined
        ? `\nparse+emit in-process: ${t.parseEmit.toFixed(0)} ms (read+merge ${(t.read ?? 0).toFixed(0)}, emit ${(t.emit ?? 0).toFixed(0)}); YAML ${(t.yaml ?? 0).toFixed(0)} ms`
        : '') +
      `\ntotal: ${(t.total ?? 0).toFixed(0)} ms` +
      Object.entries(t)
        .filter(([k]) => !['total', 'parseEmit', 'read', 'emit', 'yaml'].includes(k))
        .map(([k, v]) => ` · ${k} ${v.toFixed(0)} ms`)
        .join(''),
  );
}

const program = new Command('scp-openapi').description('OpenAPI specs, types and docs from the SCP API reference');

program
  .command('build')
  .description('regenerate specs/, generated/ (and with --docs, site/) from sources/')
  .option('--strict', 'warnings fail the build too (errors always do)')
  .option('--force', 'ignore recorded hashes and run every stage')
  .option('--docs', 'also build the docs site')
  .option('--no-lint', 'skip redocly lint')
  .option('--verbose', 'also print info diagnostics')
  .option('--root <dir>', 'project root', root)
  .action(async (o: { strict?: boolean; force?: boolean; docs?: boolean; lint: boolean; verbose?: boolean; root: string }) => {
    const { runBuild } = await import('./build.ts');
    const stages: Stage[] = ['specs', 'types'];
    if (o.lint) stages.push('lint');
    stages.push('lib');
    if (o.docs) stages.push('docs');
    let result: BuildResult;
    try {
      result = await runBuild({ root: o.root, strict: o.strict, force: o.force, stages, log: (l) => console.log(l) });
    } catch (e) {
      // An unreadable manifest or a missing sources/ directory: one line, no stack trace.
      console.error(`build failed: ${(e as Error).message}`);
      process.exitCode = 1;
      return;
    }
    printBuild(result, o.verbose ?? false);
    if (!result.ok) {
      console.error(`\n${describeFailure(result, o.strict ?? false)}`);
      process.exitCode = 1;
    }
  });

program
  .command('docs')
  .description('build site/ from specs/ (rendered reference pages, portal, search index)')
  .option('--root <dir>', 'project root', root)
  .action(async (o: { root: string }) => {
    const { runBuild } = await import('./build.ts');
    const result = await runBuild({ root: o.root, stages: ['docs'], log: (l) => console.log(l) });
    if (!result.ok) process.exitCode = 1;
  });

program
  .command('docs-serve')
  .description('serve site/ on localhost')
  .option('--port <n>', 'port', '8080')
  .option('--root <dir>', 'project root', root)
  .action(async (o: { port: string; root: string }) => {
    const { serveDocs } = await import('./docs/serve.ts');
    const server = await serveDocs({ siteDir: path.join(o.root, 'site'), port: Number(o.port) });
    console.log(`Serving site/ at ${server.url} (Ctrl-C to stop)`);
  });

program
  .command('update')
  .description('fetch the docs pages, write the new snapshot, rebuild what changed and report API changes')
  .allowUnknownOption()
  .helpOption(false)
  .argument('[args...]')
  .action(async (args: string[]) => {
    const { runUpdateCommand } = await import('./update/command.ts');
    process.exitCode = await runUpdateCommand(args, root);
  });

program
  .command('diff')
  .description('semantic change report: diff <old-spec> <new-spec> | diff <service> <v1> <v2>')
  .allowUnknownOption()
  .argument('[args...]')
  .action(async (args: string[]) => {
    const { runDiffCommand } = await import('./diff/command.ts');
    const { output, exitCode } = await runDiffCommand(args, root);
    process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    process.exitCode = exitCode;
  });

await program.parseAsync(process.argv);
