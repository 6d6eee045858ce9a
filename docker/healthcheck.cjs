'use strict';
// Container health probe (used by the Dockerfile HEALTHCHECK and compose):
// GET http://127.0.0.1:<port>/health/ready, exit 0 on 2xx, 1 otherwise.
// Port: HEALTH_PORT (worker containers set it to their WORKER_HTTP_PORT),
// else PORT, else the default HTTP port of $APP. No dependencies, no curl needed.
const http = require('node:http');

const DEFAULT_PORTS = { 'bot-connector': 3000, 'handover-gateway': 3001, 'metadata-service': 3002 };
const port = process.env.HEALTH_PORT || process.env.PORT || DEFAULT_PORTS[process.env.APP];
const host = process.env.HEALTH_HOST || '127.0.0.1';
const path = process.env.HEALTH_PATH || '/health/ready';

if (!port) {
  console.error('healthcheck: set HEALTH_PORT or PORT');
  process.exit(1);
}

const req = http.get({ host, port: Number(port), path, timeout: 4000 }, (res) => {
  res.resume();
  process.exit(res.statusCode >= 200 && res.statusCode < 300 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', (err) => {
  console.error(`healthcheck: ${err.message}`);
  process.exit(1);
});
