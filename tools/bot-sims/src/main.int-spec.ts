import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { koreMessage, postJson } from './testing/http-client';

const MAIN = join(__dirname, '..', '..', '..', 'dist', 'tools', 'bot-sims', 'src', 'main.js');

describe('bot-sims standalone (src/main.ts, built to dist/)', () => {
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('starts both simulators on the configured ports and stops cleanly on SIGTERM', async () => {
    child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, BOT_SIMS_PORT_COGNIGY: '0', BOT_SIMS_PORT_KORE: '0', BOT_SIMS_COGNIGY_URL_TOKEN: 'main-token' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const reader = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    await new Promise<void>((resolve, reject) => {
      reader.on('line', (line) => {
        lines.push(line);
        if (line.includes('sample JWT')) resolve();
      });
      child?.once('exit', (code) => reject(new Error(`main exited with ${String(code)}: ${lines.join('\n')}`)));
    });
    const cognigyUrl = /REST endpoint (\S+);/.exec(lines[0])?.[1] as string;
    const koreUrl = /webhook v2 (\S+);/.exec(lines[1])?.[1] as string;
    const jwt = /: (\S+)$/.exec(lines[2])?.[1] as string;
    expect(cognigyUrl).toMatch(/\/main-token$/);

    expect((await postJson(cognigyUrl, { userId: 'u', sessionId: 's', text: 'hello' })).status).toBe(200);
    const kore = await postJson(koreUrl, koreMessage('u', 'hello'), { headers: { authorization: `bearer ${jwt}` } });
    expect(kore.status).toBe(200);

    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
