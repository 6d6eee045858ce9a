import { isPlainObject } from './sim-options';

/**
 * What a rule reacts to. A rule with several matchers fires when any of them matches.
 * - `text`: the whole input, trimmed and case-insensitive.
 * - `regex`: tested against the input text; capture groups become `{{1}}`, `{{2}}`… in the outputs.
 * - `postback`: the payload a button/quick reply sends back as the input text; exact and case-sensitive,
 *   a trailing `*` makes it a prefix (`"pb:*"`).
 * - `event`: an event input (Kore `message.type:"event"`), by name; `"*"` = any event.
 * - `dataOnly`: Cognigy input that carried `data` and no `text`.
 * - `any`: every input that is not an event.
 */
export type InputMatcher =
  | { any: true }
  | { text: string }
  | { regex: string | RegExp; flags?: string }
  | { postback: string }
  | { event: string }
  | { dataOnly: true };

/** How the simulated bot behaves on a turn besides what it says. */
export interface RuleBehaviour {
  /** Answer only after this many ms (a slow bot). */
  delayMs?: number;
  /** Answer with this HTTP status instead of the outputs (e.g. 500, 503); `body` overrides the platform's error body. */
  status?: number;
  body?: unknown;
  /** Never answer: the request is held until the client gives up or the simulator closes. */
  hang?: boolean;
  /** Destroy the TCP connection instead of answering (after `delayMs`, if any). */
  closeConnection?: boolean;
}

export interface ScriptRule<TOutput> extends RuleBehaviour {
  /** Shown in the recorded turns; defaults to `#<index>`. */
  name?: string;
  match: InputMatcher | InputMatcher[];
  /** What the bot says; strings may use `{{input}}`, `{{data}}`, `{{userId}}`, `{{sessionId}}` and regex groups `{{1}}`. */
  outputs?: TOutput[];
}

/** One user turn as the script sees it. */
export interface TurnInput {
  /** The text the flow sees (for Cognigy data-only input: `DATA_ONLY_MESSAGE_…`; for events: the event name). */
  text: string;
  event?: string;
  dataOnly?: boolean;
  data?: unknown;
}

export interface RuleMatch<TRule> {
  rule: TRule;
  index: number;
  name: string;
  /** Regex capture groups (index 0 = the whole match), else just the input. */
  groups: string[];
}

export class ScriptError extends Error {}

/** Checks a script's shape and compiles every regex; throws `ScriptError` with the offending path. */
export function validateScript(script: unknown): void {
  if (!Array.isArray(script)) throw new ScriptError('script must be an array of rules');
  script.forEach((rule, index) => {
    const path = `script[${index}]`;
    if (!isPlainObject(rule)) throw new ScriptError(`${path} must be an object`);
    const matchers = Array.isArray(rule.match) ? rule.match : [rule.match];
    if (matchers.length === 0) throw new ScriptError(`${path}.match must not be empty`);
    matchers.forEach((matcher, matcherIndex) => validateMatcher(matcher, `${path}.match[${matcherIndex}]`));
    if (rule.outputs !== undefined && !Array.isArray(rule.outputs)) throw new ScriptError(`${path}.outputs must be an array`);
    for (const key of ['delayMs', 'status'] as const) {
      const value = rule[key];
      if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
        throw new ScriptError(`${path}.${key} must be a non-negative number`);
      }
    }
    if (rule.status !== undefined && ((rule.status as number) < 100 || (rule.status as number) > 599)) {
      throw new ScriptError(`${path}.status must be an HTTP status`);
    }
  });
}

function validateMatcher(matcher: unknown, path: string): void {
  if (!isPlainObject(matcher)) throw new ScriptError(`${path} must be an object`);
  if (matcher.any === true || matcher.dataOnly === true) return;
  if (typeof matcher.text === 'string' || typeof matcher.postback === 'string' || typeof matcher.event === 'string') return;
  if (matcher.regex instanceof RegExp) return;
  if (typeof matcher.regex === 'string') {
    try {
      new RegExp(matcher.regex, typeof matcher.flags === 'string' ? matcher.flags : undefined);
    } catch (error) {
      throw new ScriptError(`${path}.regex is invalid: ${(error as Error).message}`);
    }
    return;
  }
  throw new ScriptError(`${path} needs one of any, text, regex, postback, event, dataOnly`);
}

/** The first rule whose matcher fits the input, or undefined. */
export function matchRule<TRule extends ScriptRule<unknown>>(script: readonly TRule[], input: TurnInput): RuleMatch<TRule> | undefined {
  for (const [index, rule] of script.entries()) {
    const matchers = Array.isArray(rule.match) ? rule.match : [rule.match];
    for (const matcher of matchers) {
      const groups = matchOne(matcher, input);
      if (groups) return { rule, index, name: rule.name ?? `#${index}`, groups };
    }
  }
  return undefined;
}

function matchOne(matcher: InputMatcher, input: TurnInput): string[] | undefined {
  const whole = [input.text];
  if ('event' in matcher) {
    if (input.event === undefined) return undefined;
    return matcher.event === '*' || matcher.event === input.event ? whole : undefined;
  }
  if (input.event !== undefined) return undefined;
  if ('any' in matcher) return matcher.any ? whole : undefined;
  if ('dataOnly' in matcher) return matcher.dataOnly && input.dataOnly ? whole : undefined;
  if ('text' in matcher) return normalise(matcher.text) === normalise(input.text) ? whole : undefined;
  if ('postback' in matcher) {
    const payload = matcher.postback;
    const fits = payload.endsWith('*') ? input.text.startsWith(payload.slice(0, -1)) : input.text === payload;
    return fits ? whole : undefined;
  }
  const regex = matcher.regex instanceof RegExp ? matcher.regex : new RegExp(matcher.regex, matcher.flags);
  const found = new RegExp(regex.source, regex.flags.replace('g', '')).exec(input.text);
  return found ? found.map((group) => group ?? '') : undefined;
}

const normalise = (text: string): string => text.trim().toLowerCase();

/** Replaces `{{name}}` in every string of a JSON value (objects and arrays are copied, never mutated). */
export function interpolate<T>(value: T, variables: Record<string, string>): T {
  if (typeof value === 'string') {
    return value.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (placeholder, name: string) => variables[name] ?? placeholder) as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => interpolate(item, variables)) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, variables)])) as T;
  }
  return value;
}

/** The placeholders a turn offers to its outputs. */
export function turnVariables(input: TurnInput, groups: string[], extra: Record<string, string> = {}): Record<string, string> {
  const variables: Record<string, string> = {
    input: input.text,
    data: input.data === undefined ? '' : JSON.stringify(input.data),
    ...extra,
  };
  groups.forEach((group, index) => {
    if (index > 0) variables[String(index)] = group;
  });
  return variables;
}

/** A script as JSON (RegExp matchers become `{regex: source, flags}`), for `GET /sim/script`. */
export function scriptToJson(script: readonly ScriptRule<unknown>[]): unknown {
  return script.map((rule) => {
    const matchers = (Array.isArray(rule.match) ? rule.match : [rule.match]).map((matcher) =>
      'regex' in matcher && matcher.regex instanceof RegExp ? { regex: matcher.regex.source, flags: matcher.regex.flags } : matcher,
    );
    return { ...rule, match: Array.isArray(rule.match) ? matchers : matchers[0] };
  });
}
