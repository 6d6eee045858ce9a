// Test-only: a real node:http server on 127.0.0.1 that records every request and answers what a test tells it.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Raw header bytes as received, for exact byte checks. */
  rawHeaders: string[];
  bodyText: string;
}

export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON. */
  body?: unknown;
  /** Send the status, headers and body, then keep the response open (a body that never ends). */
  neverEnd?: boolean;
}

/** Returning `'hang'` never answers (for timeout tests). */
export type LoopbackHandler = (request: RecordedRequest) => CannedResponse | 'hang' | Promise<CannedResponse | 'hang'>;

export interface LoopbackServer {
  baseUrl: string;
  requests: RecordedRequest[];
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startLoopbackServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        bodyText: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded)).then(
        (answer) => {
          if (answer === 'hang') return;
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

/** Answers `/oauth/token` with numbered tokens (`token-1`, `token-2`, …) and everything else with `api`. */
export function withTokenEndpoint(api: LoopbackHandler, expiresIn = 86_400): LoopbackHandler {
  let issued = 0;
  return (request) => {
    if (request.path === '/oauth/token') {
      issued += 1;
      return { status: 200, body: { access_token: `token-${issued}`, token_type: 'bearer', expires_in: expiresIn } };
    }
    return api(request);
  };
}

/** Polls `condition` until it holds (a condition wait, not a fixed sleep). */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
