// @ts-check
/**
 * Worker thread behind redoc-renderer.ts: loads @redocly/cli's build-docs handler and its config
 * loader once, then renders one page per message with that same handler (the code `redocly
 * build-docs` runs), so each page costs the render alone, not a Node start plus ~6 MB of CLI to load.
 * Plain JavaScript because worker threads get no TypeScript loader (neither under tsx nor vitest).
 *
 * workerData: { handlerUrl, configUrl, configExport, configPath, cliVersion } (see redoc-renderer.ts).
 * In:  { spec, output, template, title }   → the handler writes `output`; we read and delete it.
 * Out: { html } or { error }.
 */
import { readFileSync, rmSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { handlerUrl, configUrl, configExport, configPath, cliVersion } = workerData;
const [handlerModule, configModule] = await Promise.all([import(handlerUrl), import(configUrl)]);
const handlerBuildCommand = handlerModule.handlerBuildCommand;
const loadConfig = configModule[configExport];
if (typeof handlerBuildCommand !== 'function') throw new Error(`${handlerUrl} does not export handlerBuildCommand`);
if (typeof loadConfig !== 'function') throw new Error(`${configUrl} export ${configExport} is not the config loader`);
// As the CLI does: redocly.yaml of the project when there is one (the CLI ran with the project as cwd).
const config = await loadConfig({ configPath });

const port = parentPort;
if (!port) throw new Error('redoc-render-worker.mjs must run as a worker thread');
port.on('message', async (job) => {
  try {
    // The argv yargs gives the handler for `build-docs <spec> --output <o> --template <t> --title <title>`.
    const argv = { api: job.spec, o: job.output, output: job.output, t: job.template, template: job.template, title: job.title, inlineBundle: false, 'lint-config': 'warn' };
    await handlerBuildCommand({ argv, config, version: cliVersion, collectSpecData: () => {}, collectResults: () => {} });
    const html = readFileSync(job.output, 'utf8');
    rmSync(job.output, { force: true });
    port.postMessage({ html });
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
