import { matchRule } from '../shared/script';
import { defaultCognigyScript } from './cognigy-default-script';

describe('default Cognigy script', () => {
  const script = defaultCognigyScript();
  const ruleFor = (text: string, extra: { dataOnly?: boolean } = {}) => matchRule(script, { text, ...extra })?.rule;

  it.each([
    ['menu', '_quickReplies'],
    ['buttons', '_buttons'],
    ['cards', '_gallery'],
    ['list', '_list'],
    ['photo', '_image'],
    ['video', '_video'],
    ['audio', '_audio'],
    ['adaptive', '_adaptiveCard'],
  ])('"%s" answers with a %s block', (word, block) => {
    expect(Object.keys(ruleFor(word)?.outputs?.[0].rich ?? {})).toEqual([block]);
  });

  it('offers postback and web_url buttons, attachments, several outputs and plain text', () => {
    const buttons = ruleFor('buttons')?.outputs?.[0].rich?._buttons.buttons as { type: string }[];
    expect(buttons.map((button) => button.type)).toEqual(expect.arrayContaining(['postback', 'web_url']));
    expect(ruleFor('file')?.outputs?.[0].attachments).toHaveLength(1);
    expect(ruleFor('multi')?.outputs?.length).toBeGreaterThan(1);
    expect(ruleFor('text')?.outputs).toEqual([{ text: expect.any(String) }]);
  });

  it('maps the failure words to behaviours', () => {
    expect(ruleFor('slow')?.delayMs).toBe(10_000);
    expect(ruleFor('boom')?.status).toBe(500);
    expect(ruleFor('unavailable')?.status).toBe(503);
    expect(ruleFor('hang')?.hang).toBe(true);
    expect(ruleFor('drop')?.closeConnection).toBe(true);
  });

  it('hands over with both conventions', () => {
    expect(ruleFor('agent')?.outputs?.[1].data?.handover).toMatchObject({ QueueName: expect.any(String), GenesysMetaData: expect.any(Object) });
    expect(ruleFor('escalate')?.outputs?.[1].data?.parameters).toMatchObject({ command: 'handover' });
  });

  it('gives every postback payload of the script a confirmation rule', () => {
    const payloads = JSON.stringify(script).match(/"payload":"pb:[^"]+"/g) ?? [];
    expect(payloads.length).toBeGreaterThan(5);
    for (const payload of payloads) expect(matchRule(script, { text: JSON.parse(`{${payload}}`).payload as string })?.name).toBe('postback');
  });
});
