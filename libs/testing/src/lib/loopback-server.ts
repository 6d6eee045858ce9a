// Test-only: a real node:http server on 127.0.0.1 that records every request and answers what a test tells it.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface LoopbackRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Raw header bytes as received, for exact byte checks. */
  rawHeaders: string[];
  bodyText: string;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
}

export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  /** Send the status, headers and body, then keep the response open (a body that never ends). */
  neverEnd?: boolean;
}

/** `'hang'` never answers (for timeout tests); `'destroy'` drops the connection without an answer. */
export type LoopbackAnswer = CannedResponse | 'hang' | 'destroy';
export type LoopbackHandler = (request: LoopbackRequest) => LoopbackAnswer | Promise<LoopbackAnswer>;

export interface LoopbackServer {
  baseUrl: string;
  requests: LoopbackRequest[];
  requestsTo(path: string): LoopbackRequest[];
  close(): Promise<void>;
}

/** Starts a recording HTTP server on a free loopback port; `handler` decides every answer. */
export async function startLoopbackServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  const requests: LoopbackRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const bodyText = Buffer.concat(chunks).toString('utf8');
      const recorded: LoopbackRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        bodyText,
        json: parseJson(bodyText),
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded)).then(
        (answer) => {
          if (answer === 'hang') return;
          if (answer === 'destroy') {
            req.socket.destroy();
            return;
          }
          const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
          const contentType = typeof answer.body === 'object' ? { 'content-type': 'application/json' } : {};
          res.writeHead(answer.status, { ...contentType, ...answer.headers });
          if (answer.neverEnd) res.write(body);
          else res.end(body);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`test handler failed: ${String(error)}`);
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A port nothing listens on: bind, note the port, close. */
export async function unusedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
