import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The webhook baseline of bench/handover, run as its own process like the gateway's HTTP process: a raw `node:http`
 * server that reads the body, checks `X-Hub-Signature-256` (`sha256=` + base64 HMAC-SHA256 of the raw bytes) in
 * constant time and answers 200 `{}` — no JSON parsing, no validation, no storage, no queue. Prints its URL on stdout.
 *
 *   BASELINE_WEBHOOK_SECRET=… node dist/bench/handover/baseline.js
 */
const secret = process.env.BASELINE_WEBHOOK_SECRET;
if (!secret) {
  console.error('BASELINE_WEBHOOK_SECRET is required');
  process.exit(2);
}

const PREFIX = 'sha256=';
const ok = Buffer.from('{}');

function signatureMatches(body: Buffer, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(PREFIX + createHmac('sha256', secret as string).update(body).digest('base64'));
  const given = Buffer.from(header);
  // timingSafeEqual throws on different lengths: compare them first (the length is not the secret).
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    if (!signatureMatches(Buffer.concat(chunks), req.headers['x-hub-signature-256'])) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"statusCode":401}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': ok.length }).end(ok);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
