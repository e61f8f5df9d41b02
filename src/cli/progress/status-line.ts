import type { Writable } from 'node:stream';

/** Without a terminal, a long pull still shows signs of life, but a CI log is not flooded. */
export const PLAIN_UPDATE_INTERVAL_MS = 10_000;
/** A terminal line is redrawn at most this often: a fast pull makes thousands of page events. */
const TTY_REDRAW_INTERVAL_MS = 100;
/** Erases the terminal line before it is redrawn. */
const CLEAR_LINE = '\r\u001b[2K';

/** One line of progress on stderr: redrawn in place on a terminal, printed now and then in a log. */
export interface StatusLine {
  /** Shows the current state: redrawn at most every 100 ms on a terminal, printed at most every 10 s in a log. */
  update(text: () => string): void;
  /** Starts the interval again, so work that ends within it prints nothing but its final line. */
  restart(): void;
  /** A line that stays (a retry, a throttle), printed above the status line, which is drawn again below it. */
  note(text: string): void;
  /** Replaces the status line with a final line. */
  complete(text: string): void;
  /** Ends a line left open on the terminal (after a failure, say). */
  finish(): void;
}

export interface StatusLineOptions {
  /** Redraw in place: stderr is a terminal, and nothing else writes to it. */
  redraw: boolean;
  quiet: boolean;
  now: () => number;
}

/** A status line on `stderr`; silent when `quiet`. */
export function createStatusLine(stderr: Writable, options: StatusLineOptions): StatusLine {
  const { redraw, quiet, now } = options;
  const write = (text: string): void => {
    if (!quiet) stderr.write(text);
  };
  let shown: string | undefined;
  let lastDrawn = Number.NEGATIVE_INFINITY;
  return {
    update(text) {
      if (now() - lastDrawn < (redraw ? TTY_REDRAW_INTERVAL_MS : PLAIN_UPDATE_INTERVAL_MS)) return;
      lastDrawn = now();
      const line = text();
      if (redraw) {
        write(`${CLEAR_LINE}${line}`);
        shown = line;
      } else write(`${line}\n`);
    },
    restart() {
      lastDrawn = now();
    },
    note(text) {
      if (shown === undefined) write(`${text}\n`);
      else write(`${CLEAR_LINE}${text}\n${shown}`);
    },
    complete(text) {
      write(`${shown === undefined ? '' : CLEAR_LINE}${text}\n`);
      shown = undefined;
    },
    finish() {
      if (shown !== undefined) write('\n');
      shown = undefined;
    },
  };
}
