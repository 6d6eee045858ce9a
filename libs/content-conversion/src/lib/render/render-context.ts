import { type ConnectorCapabilities, type DegradationCode, degradationWarning } from './degradation';
import { type NumberedChoice, numberedLine } from './numbered-choice';

/**
 * State of one render call: the capabilities, the warnings so far and the numbered choices offered so far. Numbers
 * run on across all outputs of a turn, so each number the customer can type maps to exactly one payload.
 */
export class RenderContext {
  readonly warnings: string[] = [];
  readonly choices: NumberedChoice[] = [];

  constructor(readonly capabilities: ConnectorCapabilities) {}

  warn(code: DegradationCode, detail: string): void {
    this.warnings.push(degradationWarning(code, detail));
  }

  /** Registers a numbered option and returns its line, e.g. `"3. Large"`. */
  choose(title: string, payload: string): string {
    const choice = { number: this.choices.length + 1, title, payload };
    this.choices.push(choice);
    return numberedLine(choice);
  }
}
