import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { startProcess, TEST_REDIS_URL, unusedLoopbackPort, waitFor } from '@genesys-bridge/testing';

/**
 * `npm run demo` as a user runs it: the built demo (dist/tools/demo/src/demo.js) as a process against the local Redis.
 * It must finish the whole scripted conversation with exit code 0, so the demo cannot silently rot; it must fail fast
 * without Redis, and stop every process it started on Ctrl-C.
 */
const DEMO = 'dist/tools/demo/src/demo.js';

/** The ports of the four processes, from the demo's `processes:` setup line. */
function processPorts(output: string): number[] {
  const processLine = output.split('\n').find((text) => text.startsWith('processes:')) ?? '';
  return [...processLine.matchAll(/:(\d+)/g)].map((match) => Number(match[1]));
}

const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    () => false,
  );

describe('npm run demo', () => {
  it('plays the whole conversation: Bot Connector turns, handover with participant data, both directions, the end; exits 0', async () => {
    const demo = startProcess(DEMO, { REDIS_URL: TEST_REDIS_URL });
    const exitCode = await demo.exited;
    const output = demo.output();
    if (exitCode !== 0) throw new Error(`the demo exited with ${exitCode}:\n${output}`);

    expect(output).toMatch(/^Customer: menu\nBot: +What can I help you with\?[\s\S]*?\[Billing\] \[Support\]$/m);
    expect(output).toMatch(/^Bot: +You selected pb:billing$/m);
    expect(output).toMatch(/^Bot: +carousel .* \(2 cards\)$/m);
    expect(output).toMatch(/^Architect: botState Complete · intent Handover · QueueName=Support · Skills=Billing,French · Language=fr · Priority=5 · .*customer\.tier=gold/m);
    expect(output).toMatch(/^Genesys: +conversation [0-9a-f]{8}… · customer participant data: QueueName=Support, Skills=Billing,French, Language=fr, Priority=5, .*customer\.id=C-1001/m);
    expect(output).toMatch(/^Agent Ann joined$/m);
    expect(output).toMatch(/^Agent: +Hi, I'm Ann\. How can I help\? +✓ Delivered$/m);
    expect(output).toMatch(/^Customer: My invoice is wrong {2}→ reached Genesys$/m);
    expect(output).toMatch(/^Agent: +Let me check… .*\(\+ an attachment: invoice\.pdf\) +✓ Delivered$/m);
    expect(output).toMatch(/^Customer ended the chat → Genesys customer participant disconnected \(handover ended, user-ended\)$/m);
    expect(output).toMatch(/^── done in \d+\.\d s ──$/m);

    // Nothing left behind: the processes are gone and the temporary database directory is removed.
    const ports = processPorts(output);
    expect(ports).toHaveLength(4);
    expect(await Promise.all(ports.map(answers))).toEqual([false, false, false, false]);
    const sqlitePath = /^database: +(\S+)/m.exec(output)?.[1] ?? '';
    expect(sqlitePath).not.toBe('');
    expect(existsSync(dirname(sqlitePath))).toBe(false);
  }, 120_000);

  it('fails fast with the launcher’s message when Redis is not reachable', async () => {
    const demo = startProcess(DEMO, { REDIS_URL: `redis://127.0.0.1:${await unusedLoopbackPort()}` });
    const started = Date.now();
    expect(await demo.exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(demo.output()).toMatch(/demo: Redis is not reachable at redis:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Start Redis .* or point REDIS_URL at a running server\./);
    expect(demo.output()).not.toContain('── Setup ──');
  });

  it('stops every process it started on Ctrl-C (SIGINT) and exits 130', async () => {
    const demo = startProcess(DEMO, { REDIS_URL: TEST_REDIS_URL });
    await waitFor(() => demo.output().includes('── Bot Connector'), { timeoutMs: 60_000, what: 'the demo to finish its setup' });
    const ports = processPorts(demo.output());
    expect(ports).toHaveLength(4);
    expect(await Promise.all(ports.map(answers))).toEqual([true, true, true, true]);

    const stopping = Date.now();
    expect(await demo.stop('SIGINT')).toBe(130);
    expect(Date.now() - stopping).toBeLessThan(15_000);
    expect(demo.output()).toMatch(/demo: SIGINT received while .*; stopping everything…\ndemo: stopped/);
    expect(await Promise.all(ports.map(answers))).toEqual([false, false, false, false]);
    const sqlitePath = /^database: +(\S+)/m.exec(demo.output())?.[1] ?? '';
    expect(existsSync(dirname(sqlitePath))).toBe(false);
  }, 90_000);
});
