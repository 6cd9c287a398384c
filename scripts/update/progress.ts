/** A page-count progress bar (cli-progress) for terminals; a no-op elsewhere. */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(label: string): void;
  stop(): void;
}

const NONE: Progress = { tick: () => {}, stop: () => {} };

export function createProgress(total: number, enabled: boolean): Progress {
  if (!enabled || total === 0) return NONE;
  const bar = new cliProgress.SingleBar(
    { format: 'pages [{bar}] {value}/{total} {label}', hideCursor: true, clearOnComplete: false, stream: process.stdout },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    tick: (label) => bar.increment(1, { label }),
    stop: () => bar.stop(),
  };
}
