import { type CanonicalOutput } from './canonical';
import { mergeMessageText } from './text-dedupe';

const quickReplies = (text: string): CanonicalOutput => ({ kind: 'quick-replies', text, options: [{ title: 'Yes', payload: 'y' }] });

describe('mergeMessageText', () => {
  it('drops the message text when a rich output already shows it (ignoring surrounding blanks)', () => {
    expect(mergeMessageText(' Continue? ', [quickReplies('Continue?')])).toEqual([quickReplies('Continue?')]);
    const media: CanonicalOutput = { kind: 'media', mediaType: 'Image', url: 'u', text: 'Map' };
    expect(mergeMessageText('Map', [media])).toEqual([media]);
  });

  it('gives the text to the first prompt-less quick replies or buttons', () => {
    expect(mergeMessageText('Continue?', [{ kind: 'media', mediaType: 'Image', url: 'u' }, quickReplies('')])).toEqual([
      { kind: 'media', mediaType: 'Image', url: 'u' },
      quickReplies('Continue?'),
    ]);
  });

  it('puts other text first and ignores blank text', () => {
    expect(mergeMessageText('Hi', [quickReplies('Continue?')])).toEqual([{ kind: 'text', text: 'Hi' }, quickReplies('Continue?')]);
    expect(mergeMessageText('  ', [])).toEqual([]);
    expect(mergeMessageText('Hi', [])).toEqual([{ kind: 'text', text: 'Hi' }]);
  });
});
