import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The exact bytes received. */
  rawBody: Buffer;
  receivedAt: number;
}

/** What to answer: a status, or `'hang'` to never answer (the caller times out). */
export type ReceiverResponse = number | 'hang';

/**
 * A real HTTP server on 127.0.0.1 that records raw requests and answers from a script
 * (`respondWith(503, 503, 200)`), then with `defaultStatus`.
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  defaultStatus: ReceiverResponse = 200;
  private readonly script: ReceiverResponse[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private server?: Server;
  url = '';

  static async start(path = '/webhook'): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await receiver.listen(path);
    return receiver;
  }

  respondWith(...responses: ReceiverResponse[]): this {
    this.script.push(...responses);
    return this;
  }

  /** JSON bodies of POSTs, in arrival order. */
  payloads<T = Record<string, unknown>>(): T[] {
    return this.requests.filter((request) => request.method === 'POST').map((request) => JSON.parse(request.rawBody.toString('utf8')) as T);
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(path: string): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requests.push({
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          rawBody: Buffer.concat(chunks),
          receivedAt: Date.now(),
        });
        const answer = this.script.shift() ?? this.defaultStatus;
        if (answer === 'hang') {
          this.hanging.add(response);
          response.on('close', () => this.hanging.delete(response));
          return;
        }
        response.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }
}
