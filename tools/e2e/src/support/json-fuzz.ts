/** Seeded PRNG (mulberry32): the same seed gives the same bodies, so a failing case can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Keys that trip naive object handling (prototype, constructor and method names). */
const AWKWARD_KEYS = ['constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'length', '', ' ', 'id', 'channel', 'type'];
const AWKWARD_STRINGS = ['', ' ', '\u0000', 'null', '-1', '1e309', '\ud800', '\u202e', '<script>', "'; DROP TABLE messages; --", 'Text', 'Outbound'];

export class JsonFuzzer {
  constructor(readonly random: () => number) {}

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  string(maxLength = 40): string {
    if (this.random() < 0.3) return this.pick(AWKWARD_STRINGS);
    return Array.from({ length: this.int(maxLength) }, () => String.fromCharCode(this.random() < 0.9 ? 32 + this.int(95) : this.int(0x2fff))).join('');
  }

  key(): string {
    return this.random() < 0.3 ? this.pick(AWKWARD_KEYS) : this.string(12);
  }

  /** Any JSON value, nested at most `depth` levels. */
  value(depth = 3): unknown {
    const kinds = depth > 0 ? 7 : 5;
    switch (this.int(kinds)) {
      case 0:
        return null;
      case 1:
        return this.random() < 0.5;
      case 2:
        return this.pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, this.int(1_000_000)]);
      case 3:
      case 4:
        return this.string();
      case 5:
        return Array.from({ length: this.int(5) }, () => this.value(depth - 1));
      default:
        return Object.fromEntries(Array.from({ length: this.int(5) }, () => [this.key(), this.value(depth - 1)]));
    }
  }

  /** A value of another JSON type than `original`. */
  wrongType(original: unknown): unknown {
    for (;;) {
      const candidate = this.value(1);
      if (jsonType(candidate) !== jsonType(original)) return candidate;
    }
  }
}

export function jsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Every path to a value inside `value` (objects and arrays), e.g. ['channel', 'to', 'id']. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** A deep copy of `value` with the value at `path` replaced (or removed when `replacement` is `REMOVE`). */
export const REMOVE = Symbol('remove');
export function withValueAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement === REMOVE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = replacement;
  }
  return copy;
}

/** `{"a":{"a":…}}` or `[[[…]]]`, `depth` levels, built as text (no recursion anywhere). */
export function deeplyNested(depth: number, kind: 'object' | 'array'): string {
  return kind === 'object' ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}
