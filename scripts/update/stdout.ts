/**
 * Commands whose output is piped (`npm run cli -- diff … | head`): when the reader closes the pipe,
 * stop quietly with the command's exit code instead of dying on EPIPE with a stack trace.
 */
let installed = false;

export function quietOnClosedStdout(): void {
  if (installed) return;
  installed = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
