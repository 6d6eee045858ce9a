import { type CanonicalButton, type CanonicalCard, type CanonicalOutput } from '@genesys-bridge/content-conversion';

/** `POST {endpointBase}/notify/{URLToken}` body (bot-platforms.md §A7): shown to the user, no Flow logic. */
export interface CognigyNotifyBody {
  userId: string;
  sessionId: string;
  text: string;
  data: Record<string, unknown>;
}

/**
 * One canonical output as a Cognigy notify body. Rich output uses Cognigy's default channel formats under
 * `data._cognigy._default` (bot-platforms.md §A5: `_quickReplies`, `_buttons`, `_gallery`, `_list`, `_image`, `_video`,
 * `_audio`), which Webchat and Socket endpoints render; `text` always carries a readable version. Files have no
 * `_default` type: they go as `data.attachments: [{name, url, type: "file", caption}]` (the shape notify documents).
 * `data.genesys` (`extra`) carries the Genesys message id, so a transformer can drop a resend. Returns `undefined`
 * for an unsupported output without fallback text: there is nothing to show.
 */
export function cognigyNotifyBody(output: CanonicalOutput, ids: { userId: string; sessionId: string }, extra: Record<string, unknown>): CognigyNotifyBody | undefined {
  const body = (text: string, rich?: Record<string, unknown>, data: Record<string, unknown> = {}): CognigyNotifyBody => ({
    ...ids,
    text,
    data: { ...data, ...(rich ? { _cognigy: { _default: rich } } : {}), genesys: extra },
  });
  switch (output.kind) {
    case 'text':
      return body(output.text);
    case 'quick-replies':
      return body(output.text, {
        _quickReplies: {
          type: 'quick_replies',
          text: output.text,
          quickReplies: output.options.map((option, index) => ({
            id: index + 1,
            contentType: 'postback',
            title: option.title,
            payload: option.payload,
            ...(option.imageUrl ? { imageUrl: option.imageUrl } : {}),
          })),
        },
      });
    case 'buttons':
      return body(output.text, { _buttons: { type: 'buttons', text: output.text, buttons: output.buttons.map(cognigyButton) } });
    case 'cards':
      return body(output.text ?? output.cards.map((card) => card.title).join('\n'), { _gallery: { type: 'carousel', items: output.cards.map(cognigyItem) } });
    case 'list':
      return body(output.text ?? output.items.map((item) => item.title).join('\n'), {
        _list: { type: 'list', items: output.items.map(cognigyItem), ...(output.button ? { button: cognigyButton(output.button) } : {}) },
      });
    case 'media': {
      const text = output.text ?? '';
      switch (output.mediaType) {
        case 'Image':
          return body(text, { _image: { type: 'image', imageUrl: output.url } });
        case 'Video':
          return body(text, { _video: { type: 'video', videoUrl: output.url } });
        case 'Audio':
          return body(text, { _audio: { type: 'audio', audioUrl: output.url } });
        case 'File':
          return body(output.text ?? output.filename ?? output.url, undefined, {
            attachments: [{ name: output.filename ?? 'file', url: output.url, type: 'file', ...(output.text ? { caption: output.text } : {}) }],
          });
      }
      break;
    }
    case 'unsupported':
      return output.fallbackText ? body(output.fallbackText) : undefined;
  }
  return undefined;
}

function cognigyButton(button: CanonicalButton): Record<string, unknown> {
  switch (button.type) {
    case 'postback':
      return { type: 'postback', title: button.title, payload: button.payload };
    case 'url':
      return { type: 'web_url', title: button.title, url: button.url, target: '_blank' };
    case 'phone':
      return { type: 'phone_number', title: button.title, payload: button.phoneNumber };
  }
}

function cognigyItem(card: CanonicalCard): Record<string, unknown> {
  return {
    title: card.title,
    subtitle: card.subtitle ?? '',
    imageUrl: card.imageUrl ?? '',
    ...(card.defaultActionUrl ? { defaultActionUrl: card.defaultActionUrl } : {}),
    buttons: card.buttons.map(cognigyButton),
  };
}
