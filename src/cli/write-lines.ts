import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes with backpressure, so piping a million records into `head` or a slow disk holds no buffer. */
export async function writeLine(stream: Writable, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}
