import { type CanonicalButton, type CanonicalCard, type CanonicalOutput } from '@genesys-bridge/content-conversion';

/** Carousel and button templates take at most three buttons per element (bot-platforms.md §B3). */
const MAX_BUTTONS = 3;
/** The list template shows at most four elements. */
const MAX_LIST_ELEMENTS = 4;

/**
 * The fields of a `sendUserMessage` call that show one canonical output to a Kore user: `message` (always a
 * readable text) and, for rich output, `overrideMessagePayload = {body: JSON.stringify(template), isTemplate: true}`
 * with a Web/Mobile-SDK template (§B3: `button`, `quick_replies`, `list`, `carousel`, `image`, `video`, audio as a
 * `message` payload). Undefined for an unsupported output without fallback text: there is nothing to show.
 */
export interface KoreUserMessageFields {
  message: string;
  overrideMessagePayload?: { body: string; isTemplate: true };
}

export function koreUserMessageFields(output: CanonicalOutput): KoreUserMessageFields | undefined {
  const withTemplate = (message: string, template: Record<string, unknown>): KoreUserMessageFields => ({
    message,
    overrideMessagePayload: { body: JSON.stringify(template), isTemplate: true },
  });
  switch (output.kind) {
    case 'text':
      return { message: output.text };
    case 'quick-replies':
      return withTemplate(output.text, {
        type: 'template',
        payload: {
          template_type: 'quick_replies',
          text: output.text,
          quick_replies: output.options.map((option) => ({ content_type: 'text', title: option.title, payload: option.payload, ...(option.imageUrl ? { image_url: option.imageUrl } : {}) })),
        },
      });
    case 'buttons':
      return withTemplate(output.text, { type: 'template', payload: { template_type: 'button', text: output.text, buttons: output.buttons.map(koreButton) } });
    case 'cards':
      return withTemplate(output.text ?? output.cards.map((card) => card.title).join('\n'), {
        type: 'template',
        payload: { template_type: 'carousel', elements: output.cards.map(koreElement) },
      });
    case 'list':
      return withTemplate(output.text ?? output.items.map((item) => item.title).join('\n'), {
        type: 'template',
        payload: {
          template_type: 'list',
          elements: output.items.slice(0, MAX_LIST_ELEMENTS).map((item) => ({ ...koreElement(item), buttons: item.buttons.slice(0, 1).map(koreButton) })),
          ...(output.button ? { buttons: [koreButton(output.button)] } : {}),
        },
      });
    case 'media': {
      const caption = output.text ?? '';
      switch (output.mediaType) {
        case 'Image':
          return withTemplate(caption || output.url, { type: 'image', payload: { url: output.url } });
        case 'Video':
          return withTemplate(caption || output.url, { type: 'video', payload: { url: output.url } });
        case 'Audio':
          return withTemplate(caption || output.url, { type: 'message', payload: { text: caption, audioUrl: output.url } });
        case 'File':
          return withTemplate(caption || output.filename || output.url, { type: 'message', payload: { text: caption, fileUrl: output.url, name: output.filename ?? 'file' } });
      }
      return undefined;
    }
    case 'unsupported':
      return output.fallbackText ? { message: output.fallbackText } : undefined;
  }
}

function koreButton(button: CanonicalButton): Record<string, unknown> {
  switch (button.type) {
    case 'postback':
      return { type: 'postback', title: button.title, payload: button.payload };
    case 'url':
      return { type: 'web_url', title: button.title, url: button.url };
    case 'phone':
      return { type: 'phone_number', title: button.title, payload: button.phoneNumber };
  }
}

function koreElement(card: CanonicalCard): Record<string, unknown> {
  return {
    title: card.title,
    ...(card.subtitle ? { subtitle: card.subtitle } : {}),
    ...(card.imageUrl ? { image_url: card.imageUrl } : {}),
    ...(card.defaultActionUrl ? { default_action: { type: 'web_url', url: card.defaultActionUrl } } : {}),
    buttons: card.buttons.slice(0, MAX_BUTTONS).map(koreButton),
  };
}
