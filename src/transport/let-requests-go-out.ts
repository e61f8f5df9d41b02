// From node:timers rather than the global: test runners' fake timers replace the global, and a pull
// run under them would never resume. This is no wait on time, only a turn of the loop.
import { setImmediate } from 'node:timers';

/**
 * Turns of the event loop fetch needs to put a request on an idle keep-alive socket, measured:
 * Node 20's fetch (undici 6) writes it in the next turn; undici 7 (Node 24's fetch, or the `undici`
 * package's dispatcher once loaded) first checks the idle socket for one more turn.
 */
const TURNS_TO_REACH_THE_SOCKET = 2;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Resolves once requests started just before have reached the socket.
 *
 * A request is written to the socket from later turns of the event loop than the one `fetch()` is
 * called in, and promise callbacks never give up the turn: a request started just before a long
 * synchronous step (parsing a page) or a run of promise callbacks (a consumer's `for await` over a
 * page's records) would wait for the end of it, and the provider with it. Each turn costs
 * microseconds when nothing else is pending.
 */
export async function letRequestsGoOut(): Promise<void> {
  for (let turn = 0; turn < TURNS_TO_REACH_THE_SOCKET; turn++) await nextTurn();
}
