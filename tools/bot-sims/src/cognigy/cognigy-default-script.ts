import type { CognigyScript } from './cognigy-script';

/** Routing request of the default "agent" turn (nested GenesysMetaData on purpose). */
export const COGNIGY_DEFAULT_HANDOVER = {
  QueueName: 'Support',
  skills: ['Billing', 'French'],
  language: 'fr',
  priority: 5,
  GenesysMetaData: { customer: { id: 'C-1001', tier: 'gold' }, case: { topic: 'billing', tags: ['refund', 'urgent'] } },
  reason: 'The user asked for a human agent',
};

/** Genesys endpoint convention: custom JSON with `parameters.command:"handover"` (bot-platforms.md §A6). */
export const COGNIGY_DEFAULT_GENESYS_HANDOVER = {
  replymessages: [],
  parameters: { command: 'handover', QueueName: 'Billing', skills: ['Payments'], language: 'en', priority: 3, reason: 'Escalated by the flow' },
};

/**
 * The default Cognigy flow: one trigger word per rich type (bot-platforms.md §A5), failure modes and handovers.
 * Every postback payload starts with `pb:` and is answered with `You selected <payload>`.
 */
export function defaultCognigyScript(): CognigyScript {
  return [
    {
      name: 'greeting',
      match: [{ text: 'hi' }, { text: 'hello' }],
      outputs: [{ text: 'Hello from the Cognigy simulator! Try: menu, buttons, cards, list, photo, video, audio, file, adaptive, multi, agent.' }],
    },
    { name: 'plain text', match: { text: 'text' }, outputs: [{ text: 'This is a plain text answer.' }] },
    {
      name: 'quick replies',
      match: { text: 'menu' },
      outputs: [
        {
          text: 'What can I help you with?',
          rich: {
            _quickReplies: {
              type: 'quick_replies',
              text: 'What can I help you with?',
              quickReplies: [
                { id: 1, contentType: 'postback', payload: 'pb:billing', title: 'Billing', imageUrl: 'https://example.com/icons/billing.png', imageAltText: 'Billing icon' },
                { id: 2, contentType: 'postback', payload: 'pb:support', title: 'Support' },
                { id: 3, contentType: 'phone_number', payload: '+4930123456', title: 'Call us' },
              ],
            },
          },
        },
      ],
    },
    {
      name: 'buttons',
      match: { text: 'buttons' },
      outputs: [
        {
          text: 'Choose an option',
          rich: {
            _buttons: {
              type: 'buttons',
              text: 'Choose an option',
              buttons: [
                { id: 1, type: 'postback', title: 'Order status', payload: 'pb:order-status' },
                { id: 2, type: 'web_url', title: 'Help center', payload: '', url: 'https://example.com/help', target: '_blank' },
                { id: 3, type: 'phone_number', title: 'Call us', payload: '+4930123456' },
              ],
            },
          },
        },
      ],
    },
    {
      name: 'gallery',
      match: [{ text: 'cards' }, { text: 'gallery' }],
      outputs: [
        {
          rich: {
            _gallery: {
              type: 'carousel',
              fallbackText: 'Pizza or pasta?',
              items: [
                {
                  id: 1,
                  title: 'Pizza',
                  subtitle: 'Margherita, 30 cm',
                  imageUrl: 'https://example.com/img/pizza.png',
                  imageAltText: 'A pizza',
                  buttons: [
                    { id: 11, type: 'postback', title: 'Order pizza', payload: 'pb:order-pizza' },
                    { id: 12, type: 'web_url', title: 'Menu', payload: '', url: 'https://example.com/menu/pizza', target: '_blank' },
                  ],
                },
                {
                  id: 2,
                  title: 'Pasta',
                  subtitle: 'Carbonara',
                  imageUrl: 'https://example.com/img/pasta.png',
                  imageAltText: 'A plate of pasta',
                  buttons: [{ id: 21, type: 'postback', title: 'Order pasta', payload: 'pb:order-pasta' }],
                },
              ],
            },
          },
        },
      ],
    },
    {
      name: 'list',
      match: { text: 'list' },
      outputs: [
        {
          rich: {
            _list: {
              type: 'list',
              largeTopItem: true,
              items: [
                {
                  title: 'Basic plan',
                  subtitle: '5 EUR / month',
                  imageUrl: 'https://example.com/img/basic.png',
                  imageAltText: 'Basic',
                  defaultActionUrl: 'https://example.com/plans/basic',
                  buttons: [{ type: 'postback', title: 'Choose basic', payload: 'pb:plan-basic' }],
                },
                {
                  title: 'Pro plan',
                  subtitle: '15 EUR / month',
                  imageUrl: 'https://example.com/img/pro.png',
                  buttons: [{ type: 'web_url', title: 'Details', url: 'https://example.com/plans/pro' }],
                },
              ],
              button: { type: 'postback', title: 'More plans', payload: 'pb:more-plans' },
            },
          },
        },
      ],
    },
    {
      name: 'image',
      match: [{ text: 'photo' }, { text: 'image' }],
      outputs: [{ rich: { _image: { type: 'image', imageUrl: 'https://example.com/img/cat.jpg', imageAltText: 'A cat' } } }],
    },
    {
      name: 'video',
      match: { text: 'video' },
      outputs: [
        {
          rich: {
            _video: { type: 'video', videoUrl: 'https://example.com/media/intro.mp4', videoAltText: 'Intro video', videoCaptionsUrl: 'https://example.com/media/intro.vtt' },
          },
        },
      ],
    },
    {
      name: 'audio',
      match: { text: 'audio' },
      outputs: [{ rich: { _audio: { type: 'audio', audioUrl: 'https://example.com/media/greeting.mp3', audioAltText: 'Greeting' } } }],
    },
    {
      name: 'attachment',
      match: [{ text: 'file' }, { text: 'attachment' }],
      outputs: [
        {
          text: 'Here is your invoice.',
          attachments: [{ name: 'invoice-42.pdf', url: 'https://example.com/files/invoice-42.pdf', type: 'file', caption: 'Invoice 42' }],
        },
      ],
    },
    {
      name: 'adaptive card',
      match: { text: 'adaptive' },
      outputs: [
        {
          rich: {
            _adaptiveCard: {
              type: 'adaptiveCard',
              adaptiveCard: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Your order is on its way' }] },
            },
          },
        },
      ],
    },
    {
      name: 'multiple outputs',
      match: { text: 'multi' },
      outputs: [
        { text: 'First message.' },
        { text: 'Second message.' },
        { text: 'And a picture:', rich: { _image: { type: 'image', imageUrl: 'https://example.com/img/dog.jpg', imageAltText: 'A dog' } } },
      ],
    },
    {
      name: 'handover',
      match: [{ text: 'agent' }, { text: 'human' }],
      outputs: [{ text: 'Let me connect you to a human agent.' }, { data: { handover: COGNIGY_DEFAULT_HANDOVER } }],
    },
    {
      name: 'genesys handover',
      match: { text: 'escalate' },
      outputs: [{ text: 'Transferring you now.' }, { data: COGNIGY_DEFAULT_GENESYS_HANDOVER }],
    },
    { name: 'slow', match: { text: 'slow' }, delayMs: 10_000, outputs: [{ text: 'Sorry for the wait.' }] },
    { name: 'server error', match: { text: 'boom' }, status: 500 },
    { name: 'unavailable', match: { text: 'unavailable' }, status: 503 },
    { name: 'hang', match: { text: 'hang' }, hang: true },
    { name: 'close connection', match: { text: 'drop' }, closeConnection: true },
    { name: 'postback', match: { postback: 'pb:*' }, outputs: [{ text: 'You selected {{input}}' }] },
    { name: 'data only', match: { dataOnly: true }, outputs: [{ text: 'Received data {{data}} as {{input}}' }] },
    { name: 'fallback', match: { any: true }, outputs: [{ text: 'You said: {{input}}' }] },
  ];
}
