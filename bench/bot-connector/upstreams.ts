import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

/**
 * The bench's upstream processes, run apart from the load generator so they do not share its CPU:
 * `bot` answers every generic-webhook turn at once; `pass-through <botUrl>` is the baseline — it parses
 * the turn and makes the same HTTP hop to the bot, without auth or storage. Prints its URL on stdout.
 */
const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
  });

function serve(server: Server): void {
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
}

const [role, botUrl] = process.argv.slice(2);
if (role === 'bot') {
  const answer = JSON.stringify({ outputs: [{ kind: 'text', text: 'ok' }] });
  serve(
    createServer(async (req, res) => {
      await readBody(req);
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    }),
  );
} else if (role === 'pass-through' && botUrl) {
  const pool = new Pool(botUrl, { connections: 64 });
  serve(
    createServer(async (req, res) => {
      const turn = JSON.parse(await readBody(req));
      const bot = await pool.request({ path: '/', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: turn.botSessionId, input: turn.inputMessage }) });
      const outputs = (await bot.body.json()) as { outputs: { text: string }[] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ botState: 'MoreData', replyMessages: outputs.outputs.map((o) => ({ type: 'Text', text: o.text })) }));
    }),
  );
} else {
  console.error('usage: upstreams.js bot | pass-through <botUrl>');
  process.exit(2);
}
