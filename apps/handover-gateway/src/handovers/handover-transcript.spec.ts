import { buildTranscript, TRANSCRIPT_HEADING } from './handover-transcript';

describe('buildTranscript', () => {
  it('is one clearly labelled message with a line per turn, in order', () => {
    const transcript = buildTranscript([
      { from: 'user', text: 'Hi', time: '2024-05-01T13:00:00Z' },
      { from: 'bot', text: 'Hello! How can I help?' },
      { from: 'user', text: '  I need a human  ' },
    ]);
    expect(transcript).toEqual({
      text: `${TRANSCRIPT_HEADING}\nCustomer: Hi\nBot: Hello! How can I help?\nCustomer: I need a human`,
      omitted: 0,
    });
    expect(TRANSCRIPT_HEADING).toBe('Conversation with the bot before the handover:');
  });

  it('skips blank turns, indents continuation lines, and is undefined when nothing is left', () => {
    expect(buildTranscript([{ from: 'bot', text: 'Line one\r\nLine two\nLine three' }, { from: 'user', text: '   ' }])?.text).toBe(
      `${TRANSCRIPT_HEADING}\nBot: Line one\n  Line two\n  Line three`,
    );
    expect(buildTranscript([])).toBeUndefined();
    expect(buildTranscript([{ from: 'user', text: ' \n ' }])).toBeUndefined();
  });

  it('leaves the oldest turns out when too long, and says how many', () => {
    const lines = Array.from({ length: 10 }, (_, i) => ({ from: 'user' as const, text: `message number ${i}` }));
    const transcript = buildTranscript(lines, 120);
    expect(transcript?.text.length).toBeLessThanOrEqual(120);
    expect(transcript?.omitted).toBeGreaterThan(0);
    expect(transcript?.text).toContain(`(${transcript?.omitted} earlier messages left out)`);
    expect(transcript?.text.endsWith('Customer: message number 9')).toBe(true);
  });

  it('cuts a single turn that alone is too long, without splitting a surrogate pair', () => {
    const transcript = buildTranscript([{ from: 'bot', text: '😀'.repeat(100) }], 80);
    expect(transcript?.text.length).toBeLessThanOrEqual(80);
    expect(transcript?.text.endsWith('…')).toBe(true);
    expect(transcript?.text).not.toMatch(/[\uD800-\uDBFF]…$/);
  });
});
