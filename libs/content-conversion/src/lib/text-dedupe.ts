import { type CanonicalOutput } from './canonical';

/** The text an output already shows to the user, if any. */
export function ownTextOf(output: CanonicalOutput): string | undefined {
  switch (output.kind) {
    case 'text':
    case 'quick-replies':
    case 'buttons':
    case 'cards':
    case 'list':
    case 'media':
      return output.text;
    case 'unsupported':
      return output.fallbackText;
  }
}

/**
 * Combines a message's plain text with the rich outputs parsed from the same message without showing the text twice:
 * - a rich output whose own text equals the message text (ignoring surrounding blanks) already shows it;
 * - otherwise the first quick-replies/buttons output without a prompt takes the message text as its prompt;
 * - otherwise the text comes first, as its own output.
 */
export function mergeMessageText(text: string | undefined, rich: CanonicalOutput[]): CanonicalOutput[] {
  if (text === undefined || text.trim() === '') return rich;
  if (rich.some((output) => ownTextOf(output)?.trim() === text.trim())) return rich;
  const promptless = rich.findIndex(
    (output) => (output.kind === 'quick-replies' || output.kind === 'buttons') && output.text.trim() === '',
  );
  if (promptless >= 0) {
    return rich.map((output, index) => (index === promptless ? { ...output, text } : output));
  }
  return [{ kind: 'text', text }, ...rich];
}
