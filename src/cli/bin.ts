import { main } from './main.js';

/** Exit status of a process ended by a signal it did not handle gracefully (128 + SIGINT's 2). */
const FORCED_EXIT_CODE = 130;

// The only module with side effects: it is the `oneroster` executable, never imported by the library.
// The first Ctrl-C asks the command to stop cleanly (a sync keeps its store consistent); a second one
// exits at once, for a person who does not want to wait.
const interrupt = new AbortController();
const onSignal = (): void => {
  if (interrupt.signal.aborted) process.exit(FORCED_EXIT_CODE);
  interrupt.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// A reader that closes the pipe (`oneroster pull users | head -1`) has what it wanted: the command
// sees the closed stream and stops; without a listener, Node would crash on the EPIPE instead.
const onOutputError = (error: NodeJS.ErrnoException): void => {
  if (error.code === 'EPIPE') return;
  process.exitCode = 1;
};
process.stdout.on('error', onOutputError);
process.stderr.on('error', onOutputError);

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  isTty: process.stderr.isTTY === true,
  stdoutIsTty: process.stdout.isTTY === true,
  cwd: process.cwd(),
  stdin: process.stdin,
  signal: interrupt.signal,
});
process.exitCode = code;
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
