import type { EventListener } from '../base/events.js';
import type { CommandContext } from './command-context.js';
import { createEventTrace } from './debug/trace-events.js';
import { createRequestActivity, type RequestCounts } from './progress/request-activity.js';
import { sentByCommandLine } from './sent-by-command-line.js';

/** What a command listens to on its client: the counts for its summary, and the listener to pass as `onEvent`. */
export interface ClientWatch {
  readonly counts: RequestCounts;
  readonly onEvent: EventListener;
}

/**
 * Listens to the client's events for a command: retries and throttles go to `onNote` (the progress
 * display) and into the counts of the final summary; with `--debug` every event is traced on stderr.
 */
export function watchClient(
  context: CommandContext,
  argv: readonly string[],
  onNote: (line: string) => void,
  now: () => number = Date.now,
): ClientWatch {
  const activity = createRequestActivity({ onNote, now });
  const trace = context.debug
    ? createEventTrace((line) => context.stderr.write(line), sentByCommandLine(argv, context.env), now)
    : undefined;
  return {
    counts: activity.counts,
    onEvent: (event) => {
      activity.onEvent(event);
      trace?.(event);
    },
  };
}
