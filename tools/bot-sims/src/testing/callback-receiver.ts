import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedCall {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, else the raw text. */
  body: unknown;
}

export interface ReceiverAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A tiny HTTP server standing in for the gateway's BotKit callback URL in the simulators' own tests. `respond` may be
 * async (e.g. call the SDK endpoints before acking, as a gateway would); default: 200 `{}`.
 */
export interface CallbackReceiver {
  url: string;
  received: ReceivedCall[];
  respond: (call: ReceivedCall) => ReceiverAnswer | Promise<ReceiverAnswer>;
  close(): Promise<void>;
}

export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const receiver: CallbackReceiver = { url: '', received: [], respond: () => ({}), close: () => Promise.resolve() };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const call: ReceivedCall = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: parse(text) };
      receiver.received.push(call);
      Promise.resolve(receiver.respond(call)).then(
        ({ status = 200, body = {}, headers = {} }) => {
          response.writeHead(status, { 'content-type': 'application/json', ...headers });
          response.end(JSON.stringify(body));
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: String(error) }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
