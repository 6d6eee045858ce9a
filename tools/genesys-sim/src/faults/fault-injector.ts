import type { FaultOptions, FaultTrigger } from '../config/sim-options';
import { seededRandom } from '../support/seeded-random';

/**
 * Decides whether a fault fires. `next` counters are consumed first (and decremented in the live options, so
 * tests can read what is left); then `probability` is drawn from an RNG seeded by `faults.seed`.
 */
export class FaultInjector {
  private seed: number;
  private random: () => number;

  constructor(private readonly faults: () => FaultOptions) {
    this.seed = faults().seed;
    this.random = seededRandom(this.seed);
  }

  fires(trigger: FaultTrigger): boolean {
    if (trigger.next > 0) {
      trigger.next -= 1;
      return true;
    }
    if (!(trigger.probability > 0)) return false;
    return this.draw() < trigger.probability;
  }

  private draw(): number {
    const { seed } = this.faults();
    if (seed !== this.seed) {
      this.seed = seed;
      this.random = seededRandom(seed);
    }
    return this.random();
  }
}
