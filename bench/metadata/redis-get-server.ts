import { timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';

/**
 * The HTTP baseline of bench/metadata, run as its own process like the metadata service's HTTP process: a raw
 * `node:http` server that checks the `x-api-key` header in constant time, does one Redis GET of the cached queue entry
 * and answers its JSON as is — no framework, no database, no validation. Prints its URL on stdout.
 *
 *   BASELINE_REDIS_URL=… BASELINE_KEY=<redis key> BASELINE_API_KEY=… node dist/bench/metadata/redis-get-server.js
 */
const { BASELINE_REDIS_URL: redisUrl, BASELINE_KEY: key, BASELINE_API_KEY: apiKey } = process.env;
if (!redisUrl || !key || !apiKey) {
  console.error('BASELINE_REDIS_URL, BASELINE_KEY and BASELINE_API_KEY are required');
  process.exit(2);
}

const redis = new Redis(redisUrl);
const expected = Buffer.from(apiKey);

function keyMatches(header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const server = createServer((req, res) => {
  if (!keyMatches(req.headers['x-api-key'])) {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"statusCode":401}');
    return;
  }
  redis.get(key as string).then(
    (value) => res.writeHead(200, { 'content-type': 'application/json' }).end(value ?? '{}'),
    () => res.writeHead(503).end(),
  );
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  redis.disconnect();
});
