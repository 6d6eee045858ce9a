import { defaultSimOptions } from '../config/sim-options';
import { FaultInjector } from './fault-injector';

describe('FaultInjector', () => {
  it('fires for exactly the next N events and counts them down in the options', () => {
    const faults = defaultSimOptions().faults;
    faults.apiError.next = 2;
    const injector = new FaultInjector(() => faults);
    expect([1, 2, 3, 4].map(() => injector.fires(faults.apiError))).toEqual([true, true, false, false]);
    expect(faults.apiError.next).toBe(0);
  });

  it('never fires with probability 0 and always with probability 1', () => {
    const faults = defaultSimOptions().faults;
    const injector = new FaultInjector(() => faults);
    expect(Array.from({ length: 50 }, () => injector.fires(faults.apiError)).some(Boolean)).toBe(false);
    faults.apiError.probability = 1;
    expect(Array.from({ length: 50 }, () => injector.fires(faults.apiError)).every(Boolean)).toBe(true);
  });

  it('is reproducible for a seed, and re-seeds when the seed changes at runtime', () => {
    const run = (seed: number): boolean[] => {
      const faults = defaultSimOptions().faults;
      faults.seed = seed;
      faults.webhookDuplicate.probability = 0.5;
      const injector = new FaultInjector(() => faults);
      return Array.from({ length: 40 }, () => injector.fires(faults.webhookDuplicate));
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
    const sequence = run(7);
    expect(sequence.filter(Boolean).length).toBeGreaterThan(5);
    expect(sequence.filter(Boolean).length).toBeLessThan(35);

    const faults = defaultSimOptions().faults;
    faults.seed = 8;
    faults.webhookDuplicate.probability = 0.5;
    const injector = new FaultInjector(() => faults);
    injector.fires(faults.webhookDuplicate);
    faults.seed = 7;
    expect(Array.from({ length: 40 }, () => injector.fires(faults.webhookDuplicate))).toEqual(run(7));
  });
});
