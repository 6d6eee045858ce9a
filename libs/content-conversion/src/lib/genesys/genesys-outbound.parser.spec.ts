import { parseGenesysOutboundMessage } from './genesys-outbound.parser';

const message = (fields: Record<string, unknown>) => ({ id: 'm1', type: 'Text', direction: 'Outbound', originatingEntity: 'Human', ...fields });

describe('parseGenesysOutboundMessage', () => {
  it('reads an agent text as one text output', () => {
    expect(parseGenesysOutboundMessage(message({ text: 'Hi, Ann here', content: [] }))).toEqual([{ kind: 'text', text: 'Hi, Ann here' }]);
  });

  it('gives nothing for an empty message, a blank text, an event or a receipt', () => {
    expect(parseGenesysOutboundMessage(message({}))).toEqual([]);
    expect(parseGenesysOutboundMessage(message({ text: '  \n', content: [] }))).toEqual([]);
    expect(parseGenesysOutboundMessage({ type: 'Event', events: [{ eventType: 'Typing' }] })).toEqual([]);
    expect(parseGenesysOutboundMessage({ type: 'Receipt', status: 'Delivered' })).toEqual([]);
    expect(parseGenesysOutboundMessage('not a message')).toEqual([]);
  });

  it('turns an attachment into media carrying the message text', () => {
    const attachment = { id: 'a1', mediaType: 'Image', url: 'https://api-downloads.example/x.png', mime: 'image/png', filename: 'x.png', contentSizeBytes: 10 };
    expect(parseGenesysOutboundMessage(message({ text: 'Here you go', content: [{ contentType: 'Attachment', attachment }] }))).toEqual([
      { kind: 'media', mediaType: 'Image', url: attachment.url, mime: 'image/png', filename: 'x.png', text: 'Here you go' },
    ]);
  });

  it('keeps an attachment caption and puts the message text first; unknown media types become File; links become URL buttons', () => {
    const outputs = parseGenesysOutboundMessage(
      message({
        text: 'Two files',
        content: [
          { contentType: 'Attachment', attachment: { mediaType: 'Document', url: 'https://d.example/a.pdf', text: 'caption' } },
          { contentType: 'Attachment', attachment: { mediaType: 'Video', url: 'https://d.example/v.mp4' } },
          { contentType: 'Attachment', attachment: { mediaType: 'Link', url: 'https://example.com/help', filename: 'Help' } },
          { contentType: 'Attachment', attachment: { mediaType: 'Image' } },
        ],
      }),
    );
    expect(outputs).toEqual([
      { kind: 'media', mediaType: 'File', url: 'https://d.example/a.pdf', text: 'caption' },
      { kind: 'media', mediaType: 'Video', url: 'https://d.example/v.mp4', text: 'Two files' },
      { kind: 'buttons', text: 'Help', buttons: [{ type: 'url', title: 'Help', url: 'https://example.com/help' }] },
    ]);
  });

  it('groups quick replies under the message text', () => {
    const outputs = parseGenesysOutboundMessage(
      message({
        type: 'Structured',
        text: 'Is it about billing?',
        content: [
          { contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'YES', action: 'Message' } },
          { contentType: 'QuickReply', quickReply: { text: 'No', image: 'https://i.example/no.png' } },
          { contentType: 'QuickReply', quickReply: {} },
        ],
      }),
    );
    expect(outputs).toEqual([
      {
        kind: 'quick-replies',
        text: 'Is it about billing?',
        options: [
          { title: 'Yes', payload: 'YES' },
          { title: 'No', payload: 'No', imageUrl: 'https://i.example/no.png' },
        ],
      },
    ]);
  });

  it('reads cards and carousels into one cards output', () => {
    const card = {
      title: 'Plan A',
      description: 'Cheap',
      image: 'https://i.example/a.png',
      defaultAction: { type: 'Link', url: 'https://example.com/a' },
      actions: [
        { type: 'Postback', text: 'Choose A', payload: 'A' },
        { type: 'Link', text: 'Details', url: 'https://example.com/a/details' },
        { type: 'Link', text: 'Broken' },
      ],
    };
    const outputs = parseGenesysOutboundMessage(
      message({
        type: 'Structured',
        text: 'Pick a plan',
        content: [
          { contentType: 'Card', card },
          { contentType: 'Carousel', carousel: { cards: [{ title: 'Plan B', actions: [{ type: 'Postback', text: 'Choose B' }] }, { description: 'no title' }] } },
        ],
      }),
    );
    expect(outputs).toEqual([
      {
        kind: 'cards',
        text: 'Pick a plan',
        cards: [
          {
            title: 'Plan A',
            subtitle: 'Cheap',
            imageUrl: 'https://i.example/a.png',
            defaultActionUrl: 'https://example.com/a',
            buttons: [
              { type: 'postback', title: 'Choose A', payload: 'A' },
              { type: 'url', title: 'Details', url: 'https://example.com/a/details' },
            ],
          },
          { title: 'Plan B', buttons: [{ type: 'postback', title: 'Choose B', payload: 'Choose B' }] },
        ],
      },
    ]);
  });

  it('marks unknown content unsupported with its own text as fallback, and skips button responses', () => {
    const outputs = parseGenesysOutboundMessage(
      message({
        type: 'Structured',
        text: 'Your order',
        content: [
          { contentType: 'Notification', notification: { body: { text: 'Order 42 shipped' } } },
          { contentType: 'DatePicker', datePicker: {} },
          { contentType: 'ButtonResponse', buttonResponse: { text: 'Yes' } },
        ],
      }),
    );
    expect(outputs).toEqual([
      { kind: 'text', text: 'Your order' },
      { kind: 'unsupported', source: 'genesys:Notification', fallbackText: 'Order 42 shipped' },
      { kind: 'unsupported', source: 'genesys:DatePicker' },
    ]);
  });
});
