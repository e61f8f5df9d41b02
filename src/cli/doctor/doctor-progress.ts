import type { CommandContext } from '../command-context.js';

/** Erases the terminal line before it is redrawn. */
const CLEAR_LINE = '\r\u001b[2K';

/** The doctor's progress on stderr: which probe runs now, and the retries and throttles on the way. */
export interface DoctorProgress {
  /** A probe starts. */
  probe(step: { readonly index: number; readonly total: number; readonly doing: string }): void;
  /** A retry or a throttle (see request-activity.ts), as a line that stays. */
  note(line: string): void;
  /** Clears a line left on the terminal, so that the report starts on a clean line. */
  finish(): void;
}

/**
 * On a terminal, one line redrawn as each probe starts (`doctor  5/21  sort=sourcedId both ways`),
 * cleared at the end; in a log (or with a `--debug` trace, whose lines would tear a redrawn one), a
 * plain line per probe. Every probe gets its line: against a slow provider each one takes seconds.
 * Silent when `quiet`.
 */
export function createDoctorProgress(context: CommandContext, options: { quiet: boolean }): DoctorProgress {
  const redraw = context.isTty && context.debug !== true;
  const write = (text: string): void => {
    if (!options.quiet) context.stderr.write(text);
  };
  let shown: string | undefined;
  return {
    probe({ index, total, doing }) {
      const line = `doctor  ${String(index).padStart(String(total).length)}/${total}  ${doing}`;
      if (!redraw) return write(`${line}\n`);
      write(`${CLEAR_LINE}${line}`);
      shown = line;
    },
    note(text) {
      write(shown === undefined ? `doctor  ${text}\n` : `${CLEAR_LINE}doctor  ${text}\n${shown}`);
    },
    finish() {
      if (shown !== undefined) write(CLEAR_LINE);
      shown = undefined;
    },
  };
}
