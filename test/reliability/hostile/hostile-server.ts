import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request the hostile server received, with its body read whole. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** Answers one request however a broken provider would: or never. */
export type HostileHandler = (request: ReceivedRequest, response: ServerResponse) => void | Promise<void>;

/** A real `node:http` server on loopback: the faults of this suite live below `fetch`. */
export interface HostileServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** The OneRoster base URL on this server. */
  readonly baseUrl: string;
  readonly requests: ReceivedRequest[];
  /** Resolves when the next request has arrived (its body read), for tests that act mid-request. */
  nextRequest(): Promise<ReceivedRequest>;
  /** Sockets still open: a request the client ended must not keep one. */
  openSockets(): number;
  /** Resolves once every open socket has closed. */
  socketsClosed(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a server that hands every request to `handler`. Close it after each test. */
export async function startHostileServer(handler: HostileHandler): Promise<HostileServer> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let waiters: ((request: ReceivedRequest) => void)[] = [];
  let closedWaiters: (() => void)[] = [];
  const server = createServer(async (incoming, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const request: ReceivedRequest = {
      method: incoming.method ?? 'GET',
      url: incoming.url ?? '/',
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(request);
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake(request);
    try {
      await handler(request, response);
    } catch {
      response.destroy();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) {
        const woken = closedWaiters;
        closedWaiters = [];
        for (const wake of woken) wake();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}/ims/oneroster/v1p1`,
    requests,
    nextRequest: () => new Promise((resolve) => waiters.push(resolve)),
    openSockets: () => sockets.size,
    socketsClosed: () =>
      sockets.size === 0 ? Promise.resolve() : new Promise((resolve) => closedWaiters.push(resolve)),
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Sends a JSON body with a 200 (or the given status). */
export function sendJson(response: ServerResponse, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
