import type { Readable, Writable } from 'node:stream';

/** What a command may touch, injected so tests can run commands in-process too. */
export interface CommandContext {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** True when stderr is a terminal: progress lines redraw in place. */
  isTty: boolean;
  /**
   * True when stdout is a terminal too: records printed there would tear a line redrawn on stderr, so
   * `pull` then prints plain progress lines.
   */
  stdoutIsTty?: boolean;
  cwd: string;
  /** What is piped in: `connections add --secret-stdin` reads a secret from it. Absent in tests that pipe nothing. */
  stdin?: Readable;
  /**
   * Aborted on the first SIGINT or SIGTERM: a sync then finishes as aborted with the store intact, and
   * `serve-mock` stops. Absent in tests that never interrupt.
   */
  signal?: AbortSignal;
  /** `--debug` or `ONEROSTER_DEBUG=1`: every request, retry, throttle and token refresh is traced on stderr. */
  debug?: boolean;
}
