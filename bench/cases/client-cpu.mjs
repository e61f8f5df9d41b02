// 7. Client CPU per record on prepared page bodies, in one process, no network: the SDK's parse,
// normalise and validate (`JSON.parse` of the body once, then `parseRecord` per record as `list()`
// reads it) against `JSON.parse` alone on the same bodies, and the whole `list()` over an in-memory
// `fetch` for reference (it also decodes each body from bytes, as any client must).
import { runChild } from '../lib.mjs';

/** Target: parse, normalise and validate within this factor of `JSON.parse` alone. */
const MAX_VALIDATE_RATIO = 2.5;

export async function clientCpu({ quick, log }) {
  const rows = [];
  const figures = {};
  for (const collection of ['enrollments', 'users']) {
    const result = await runChild('client-cpu-child.mjs', {
      collection,
      records: quick ? 10_000 : 50_000,
      rounds: quick ? 3 : 7,
    });
    if (result.error) throw new Error(`client CPU ${collection}: ${result.error}`);
    figures[collection] = result;
    const ratio = result.validateUs / result.parseUs;
    log(
      `client CPU ${collection}: JSON.parse ${result.parseUs.toFixed(2)} µs, + parseRecord ${result.validateUs.toFixed(2)} µs, list() in memory ${result.sdkUs.toFixed(2)} µs per record`,
    );
    rows.push(
      {
        ratio: true,
        measure: `Client CPU per ${collection.slice(0, -1)}: JSON.parse + parse, normalise, validate / JSON.parse alone (prepared bodies of 1,000)`,
        value: ratio.toFixed(2),
        target: collection === 'enrollments' ? `≤ ${MAX_VALIDATE_RATIO}` : '',
        status: collection === 'enrollments' ? (ratio <= MAX_VALIDATE_RATIO ? 'met' : 'missed') : 'info',
      },
      {
        ratio: false,
        measure: `Client CPU per ${collection.slice(0, -1)} (µs): JSON.parse / + parseRecord / whole \`list()\` over an in-memory fetch / Response.text() + JSON.parse`,
        value: `${result.parseUs.toFixed(2)} / ${result.validateUs.toFixed(2)} / ${result.sdkUs.toFixed(2)} / ${result.decodeUs.toFixed(2)}`,
        target: '',
        status: 'info',
      },
    );
  }
  return { rows, figures };
}
