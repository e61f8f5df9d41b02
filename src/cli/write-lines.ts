import type { Writable } from 'node:stream';

/** The reader of stdout went away (`| head -1` read its line and exited): the command stops quietly. */
export class OutputClosedError extends Error {
  override name = 'OutputClosedError';
  constructor() {
    super('stdout was closed by its reader');
  }
}

function isClosed(stream: Writable): boolean {
  return stream.destroyed || stream.writableEnded || stream.errored !== null;
}

/** Waits until the stream takes more, or fails when it closes or errs instead. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: unknown) => {
      stream.off('drain', onDrain).off('error', onError).off('close', onClose);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onDrain = () => settle();
    const onError = () => settle(new OutputClosedError());
    const onClose = () => settle(new OutputClosedError());
    stream.on('drain', onDrain).on('error', onError).on('close', onClose);
  });
}

/**
 * Writes with backpressure, so piping a million records into `head` or a slow disk holds no buffer.
 * @throws OutputClosedError once the reader has closed the stream (EPIPE)
 */
export async function writeLine(stream: Writable, line: string): Promise<void> {
  if (isClosed(stream)) throw new OutputClosedError();
  if (!stream.write(line)) await drained(stream);
}
