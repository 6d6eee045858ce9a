import type { HandoverPayload } from '../shared/handover';
import type { KoreScript } from './kore-script';

/** Routing request of the default "agent" turns (GenesysMetaData nested on purpose). */
export const KORE_DEFAULT_HANDOVER: HandoverPayload = {
  QueueName: 'Support',
  skills: ['Billing', 'French'],
  language: 'fr',
  priority: 5,
  GenesysMetaData: { EmployeeID: 'E-7', Department: 'Finance', account: { id: 'A-9', plan: 'pro' } },
  reason: 'The user asked for a human agent',
};

/**
 * The default Kore bot: one trigger word per Web SDK template (bot-platforms.md §B3), polling, failures and the
 * handover conventions. Every postback payload starts with `pb:` and is answered with `You selected <payload>`.
 */
export function defaultKoreScript(): KoreScript {
  return [
    { name: 'welcome', match: { event: 'ON_CONNECT' }, outputs: ['Welcome! I am the Kore simulator.'] },
    {
      name: 'greeting',
      match: [{ text: 'hi' }, { text: 'hello' }],
      outputs: ['Hello from the Kore simulator! Try: buttons, menu, list, cards, photo, video, audio, multi, backend, agent.'],
    },
    { name: 'plain text', match: { text: 'text' }, outputs: [{ text: 'This is a plain text answer.' }] },
    {
      name: 'button template',
      match: { text: 'buttons' },
      outputs: [
        {
          template: {
            type: 'template',
            payload: {
              template_type: 'button',
              text: 'How can I help?',
              buttons: [
                { type: 'postback', title: 'Order status', payload: 'pb:order-status' },
                { type: 'web_url', title: 'Help center', url: 'https://example.com/help' },
              ],
            },
          },
        },
      ],
    },
    {
      name: 'quick replies',
      match: { text: 'menu' },
      outputs: [
        {
          template: {
            type: 'template',
            payload: {
              template_type: 'quick_replies',
              text: 'What can I help you with?',
              quick_replies: [
                { content_type: 'text', title: 'Billing', payload: 'pb:billing', image_url: 'https://example.com/icons/billing.png' },
                { content_type: 'text', title: 'Support', payload: 'pb:support' },
              ],
            },
          },
        },
      ],
    },
    {
      name: 'list template',
      match: { text: 'list' },
      outputs: [
        {
          template: {
            type: 'template',
            AlwaysShowGlobalButtons: false,
            payload: {
              template_type: 'list',
              elements: [
                {
                  title: 'Basic plan',
                  image_url: 'https://example.com/img/basic.png',
                  subtitle: '5 EUR / month',
                  default_action: { type: 'web_url', url: 'https://example.com/plans/basic' },
                  buttons: [{ title: 'Choose basic', type: 'postback', payload: 'pb:plan-basic' }],
                },
                {
                  title: 'Pro plan',
                  image_url: 'https://example.com/img/pro.png',
                  subtitle: '15 EUR / month',
                  default_action: { type: 'web_url', url: 'https://example.com/plans/pro' },
                  buttons: [{ title: 'Details', type: 'web_url', url: 'https://example.com/plans/pro' }],
                },
              ],
              buttons: [{ title: 'View More', type: 'postback', payload: 'pb:more-plans' }],
            },
          },
        },
      ],
    },
    {
      name: 'carousel',
      match: [{ text: 'cards' }, { text: 'carousel' }],
      outputs: [
        {
          template: {
            type: 'template',
            payload: {
              template_type: 'carousel',
              elements: [
                {
                  title: 'Pizza',
                  image_url: 'https://example.com/img/pizza.png',
                  subtitle: 'Margherita, 30 cm',
                  default_action: { type: 'web_url', url: 'https://example.com/menu/pizza' },
                  buttons: [{ type: 'postback', title: 'Order pizza', payload: 'pb:order-pizza' }],
                },
                {
                  title: 'Pasta',
                  image_url: 'https://example.com/img/pasta.png',
                  subtitle: 'Carbonara',
                  default_action: { type: 'web_url', url: 'https://example.com/menu/pasta' },
                  buttons: [{ type: 'postback', title: 'Order pasta', payload: 'pb:order-pasta' }],
                },
              ],
            },
          },
        },
      ],
    },
    {
      name: 'image',
      match: [{ text: 'photo' }, { text: 'image' }],
      outputs: [{ template: { type: 'image', payload: { url: 'https://example.com/img/cat.jpg' } } }],
    },
    { name: 'video', match: { text: 'video' }, outputs: [{ template: { type: 'video', payload: { url: 'https://example.com/media/intro.mp4' } } }] },
    {
      name: 'video message',
      match: { text: 'video message' },
      outputs: [{ template: { type: 'message', payload: { text: '', videoUrl: 'https://example.com/media/intro.mp4' } } }],
    },
    {
      name: 'audio',
      match: { text: 'audio' },
      outputs: [{ template: { type: 'message', payload: { text: '', audioUrl: 'https://example.com/media/greeting.mp3' } } }],
    },
    {
      name: 'multiple messages',
      match: { text: 'multi' },
      outputs: ['First message.', 'Second message.', { template: { type: 'image', payload: { url: 'https://example.com/img/dog.jpg' } } }],
    },
    {
      name: 'end of task',
      match: { text: 'bye' },
      outputs: ['Goodbye!'],
      endOfTask: true,
      endReason: 'Fulfilled',
      completedTaskId: 'dg-goodbye-0001',
      completedTaskName: 'Goodbye',
    },
    {
      name: 'slow backend',
      match: { text: 'backend' },
      outputs: ['Let me check that for you…', 'Your balance is 42.00 EUR.', 'Anything else?'],
      slowBackend: { immediate: 1, readyAfterMs: 1_000, batches: 1 },
      endOfTask: true,
      endReason: 'Fulfilled',
      completedTaskId: 'dg-balance-0001',
      completedTaskName: 'Show Balance',
    },
    {
      name: 'agent transfer',
      match: [{ text: 'agent' }, { text: 'human' }],
      outputs: ['Let me connect you to a human agent.', { agentTransfer: KORE_DEFAULT_HANDOVER, signal: 'data-item' }],
    },
    {
      name: 'agent transfer (string metadata)',
      match: { text: 'agent string' },
      outputs: ['Let me connect you to a human agent.', { agentTransfer: KORE_DEFAULT_HANDOVER, signal: 'data-item', metaDataAs: 'string' }],
    },
    {
      name: 'agent transfer (end of task)',
      match: { text: 'agent task' },
      outputs: ['Let me connect you to a human agent.', { agentTransfer: KORE_DEFAULT_HANDOVER, signal: 'end-of-task', metaDataAs: 'string' }],
    },
    { name: 'slow', match: { text: 'slow' }, delayMs: 10_000, outputs: ['Sorry for the wait.'] },
    { name: 'server error', match: { text: 'boom' }, status: 500 },
    { name: 'unavailable', match: { text: 'unavailable' }, status: 503 },
    { name: 'hang', match: { text: 'hang' }, hang: true },
    { name: 'close connection', match: { text: 'drop' }, closeConnection: true },
    { name: 'postback', match: { postback: 'pb:*' }, outputs: ['You selected {{input}}'] },
    { name: 'other event', match: { event: '*' }, outputs: [] },
    { name: 'fallback', match: { any: true }, outputs: ['You said: {{input}}'] },
  ];
}
