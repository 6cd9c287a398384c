/**
 * Child process for the kill-during-commit test: runs one update of <root> from <from> (a directory
 * of saved pages) and SIGKILLs itself right after the commit step named <kill-at>. Run with
 * `node --import tsx`.
 */
import { runUpdate } from '../../../scripts/update/update.ts';

const [root, from, killAt] = process.argv.slice(2);
if (!root || !from || !killAt) throw new Error('usage: update-child.ts <root> <from> <kill-at>');

const result = await runUpdate({
  root,
  from,
  stages: ['specs'],
  progress: false,
  now: () => new Date('2026-11-23T09:30:00Z'),
  onCommitStep: (step) => {
    if (step === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
// Reaching this line means the kill point was never hit.
process.stdout.write(JSON.stringify({ ok: result.ok, error: result.error }));
process.exitCode = 3;
