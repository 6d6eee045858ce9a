import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the handover-gateway POSTs to a generic handover's callback URL (`GenericAgentMessage`). */
export interface AgentMessage {
  handoverId: string;
  conversationId: string;
  messageId: string;
  from: { type: string; name?: string };
  output?: { kind: string; text?: string; url?: string; mediaType?: string; filename?: string; [key: string]: unknown };
  event?: { type: string };
  part?: { index: number; count: number };
}

/**
 * The bot platform's end of the generic handover, as a bot developer would write it: checks `X-Bridge-Signature`
 * over the raw body, keeps the first copy of each `Idempotency-Key`, answers 200.
 */
export class CallbackServer {
  readonly received: AgentMessage[] = [];
  /** Requests refused because of a bad or missing signature. */
  badSignatures = 0;
  private readonly keys = new Set<string>();
  private server?: Server;
  url = '';

  constructor(private readonly hmacSecret: string) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        const expected = Buffer.from(`sha256=${createHmac('sha256', this.hmacSecret).update(raw).digest('base64')}`);
        const signature = Buffer.from(String(request.headers['x-bridge-signature'] ?? ''));
        if (expected.length !== signature.length || !timingSafeEqual(expected, signature)) {
          this.badSignatures += 1;
          response.writeHead(401).end();
          return;
        }
        const key = String(request.headers['idempotency-key'] ?? '');
        if (!this.keys.has(key)) {
          this.keys.add(key);
          try {
            this.received.push(JSON.parse(raw.toString('utf8')) as AgentMessage);
          } catch {
            response.writeHead(400).end();
            return;
          }
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/bot/agent-messages`;
    return this.url;
  }

  close(): Promise<void> {
    const server = this.server;
    if (!server?.listening) return Promise.resolve();
    return new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  }
}
