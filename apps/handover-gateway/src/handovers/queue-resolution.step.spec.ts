import { Logger } from '@nestjs/common';
import type { Connection } from '@genesys-bridge/persistence';
import type { QueueResolution, QueueResolver } from '@genesys-bridge/routing-lookup';
import { type BuiltAttributes, QueueResolutionStep } from './queue-resolution.step';

const connection = (settings: Record<string, unknown>) => ({ id: 'c-1', botPlatformSettings: settings }) as unknown as Connection;

function step(answer: QueueResolution | Error) {
  const calls: string[] = [];
  const resolver = {
    resolve: async (_connection: Connection, name: string) => {
      calls.push(name);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as QueueResolver;
  return { step: new QueueResolutionStep(resolver), calls };
}

const built = (attributes: Record<string, string>): BuiltAttributes => ({ attributes, warnings: [] });
const rebuild = (base: Record<string, string>) => (extra: Record<string, string>) => built({ ...base, ...extra });

describe('QueueResolutionStep', () => {
  const on = connection({ resolveQueues: true });

  it('adds QueueId and QueueResolvedBy through a rebuild when resolveQueues is on', async () => {
    const { step: subject, calls } = step({ found: true, queueId: 'q-1', queueName: 'Billing', resolvedBy: 'exact', source: 'cache' });
    const result = await subject.apply(on, built({ QueueName: 'Billing' }), rebuild({ QueueName: 'Billing', intent: 'refund' }));
    expect(result).toEqual({ attributes: { QueueName: 'Billing', intent: 'refund', QueueId: 'q-1', QueueResolvedBy: 'exact' }, warnings: [] });
    expect(calls).toEqual(['Billing']);
  });

  it('uses the fallback queue and says so', async () => {
    const { step: subject } = step({ found: false, queueId: 'q-fallback', queueName: 'General', resolvedBy: 'fallback', source: 'genesys' });
    const result = await subject.apply(on, built({ QueueName: 'Nope' }), rebuild({ QueueName: 'Nope' }));
    expect(result.attributes).toEqual({ QueueName: 'Nope', QueueId: 'q-fallback', QueueResolvedBy: 'fallback' });
    expect(result.warnings).toEqual(['QueueName "Nope" is not a Genesys queue; the connection\'s fallback queue is used']);
  });

  it('goes on without QueueId when Genesys cannot answer, or no queue fits', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const failing = step(new Error('503'));
    const input = built({ QueueName: 'Billing' });
    const failed = await failing.step.apply(on, input, rebuild({}));
    expect(failed.attributes).toEqual({ QueueName: 'Billing' });
    expect(failed.warnings[0]).toMatch(/could not be resolved now/);
    const none = step({ found: false, queueId: '', queueName: '', resolvedBy: 'none', source: 'cache' });
    expect((await none.step.apply(on, input, rebuild({}))).warnings[0]).toMatch(/no fallback queue/);
  });

  it('does nothing when off, without QueueName, or when the bot sent a QueueId', async () => {
    const { step: subject, calls } = step({ found: true, queueId: 'q-1', queueName: 'Billing', resolvedBy: 'exact', source: 'cache' });
    const input = built({ QueueName: 'Billing' });
    expect(await subject.apply(connection({}), input, rebuild({}))).toBe(input);
    expect(await subject.apply(connection({ resolveQueues: 'yes' }), input, rebuild({}))).toBe(input);
    const noName = built({ intent: 'x' });
    expect(await subject.apply(on, noName, rebuild({}))).toBe(noName);
    const explicit = built({ QueueName: 'Billing', QueueId: 'mine' });
    expect(await subject.apply(on, explicit, rebuild({}))).toBe(explicit);
    expect(calls).toEqual([]);
  });
});
