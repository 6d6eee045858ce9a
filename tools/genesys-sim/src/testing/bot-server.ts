import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Parsed JSON body (undefined when empty or not JSON). */
  body: Record<string, unknown> | undefined;
  receivedAt: number;
}

/** `'hang'`: never answer (the caller times out); otherwise a status and a JSON body (or raw text). */
export type BotAnswer = 'hang' | { status?: number; body?: unknown; rawBody?: string };

export type BotHandler = (request: BotRequest) => BotAnswer | Promise<BotAnswer>;

/**
 * A real HTTP bot endpoint on 127.0.0.1 for the simulator's Bot Connector tests: records every request and answers
 * with `handler` (replaceable at any time).
 */
export class BotServer {
  readonly requests: BotRequest[] = [];
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  url = '';
  private readonly hanging = new Set<ServerResponse>();
  private server?: Server;

  private constructor(public handler: BotHandler) {}

  static async start(handler: BotHandler = () => ({ status: 200, body: {} })): Promise<BotServer> {
    const bot = new BotServer(handler);
    await bot.listen();
    return bot;
  }

  /** Requests to a path (exact match), in arrival order. */
  requestsTo(path: string): BotRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const received: BotRequest = {
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          rawBody,
          body: parseObject(rawBody),
          receivedAt: Date.now(),
        };
        this.requests.push(received);
        void Promise.resolve(this.handler(received)).then(
          (answer) => this.answer(response, answer),
          (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
        );
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private answer(response: ServerResponse, answer: BotAnswer): void {
    if (answer === 'hang') {
      this.hanging.add(response);
      response.on('close', () => this.hanging.delete(response));
      return;
    }
    const text = answer.rawBody ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
    response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(text);
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
