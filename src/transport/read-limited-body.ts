import type { RequestDeadline } from './request-deadline.js';

/** The body grew past the limit; the caller turns it into its typed error. */
export class BodyLimitExceeded extends Error {
  override name = 'BodyLimitExceeded';
}

/**
 * Reads a response body as UTF-8 text (a leading byte-order mark dropped, as `response.text()` does),
 * counting the bytes as they arrive: `fetch` has already decompressed them, so the count is what the
 * body takes in memory, and a decompression bomb stops at the limit like an endless body does. At
 * most `maxBytes` plus one chunk is read. Every read goes through the deadline's race, and stopping
 * the request cancels the stream, which frees its socket.
 * @throws BodyLimitExceeded past `maxBytes`, having cancelled the stream
 */
export async function readLimitedBody(
  response: Response,
  maxBytes: number,
  deadline: RequestDeadline,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  const encoded = response.headers.has('content-encoding');
  if (!encoded && Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyLimitExceeded();
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  deadline.onStop(() => {
    reader.cancel().catch(() => undefined);
  });
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await deadline.race(reader.read());
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyLimitExceeded();
    }
    chunks.push(value);
  }
  // One decode of the whole body, as `response.text()` does: decoding chunk by chunk and joining
  // the pieces costs a copy more per page.
  return new TextDecoder().decode(concatenate(chunks, received));
}

function concatenate(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}
