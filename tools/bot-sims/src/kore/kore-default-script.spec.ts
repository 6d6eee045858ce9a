import { matchRule } from '../shared/script';
import { defaultKoreScript } from './kore-default-script';

describe('default Kore script', () => {
  const script = defaultKoreScript();
  const ruleFor = (text: string) => matchRule(script, { text })?.rule;
  const firstTemplate = (text: string) => {
    const output = ruleFor(text)?.outputs?.[0];
    return typeof output === 'object' && 'template' in output ? output.template : undefined;
  };

  it.each([
    ['buttons', 'button'],
    ['menu', 'quick_replies'],
    ['list', 'list'],
    ['cards', 'carousel'],
  ])('"%s" answers with the %s template', (word, templateType) => {
    expect(firstTemplate(word)).toMatchObject({ type: 'template', payload: { template_type: templateType } });
  });

  it('covers image, video, audio, plain text, several messages and the agent transfer', () => {
    expect(firstTemplate('photo')).toMatchObject({ type: 'image', payload: { url: expect.any(String) } });
    expect(firstTemplate('video')).toMatchObject({ type: 'video' });
    expect(firstTemplate('audio')).toMatchObject({ type: 'message', payload: { audioUrl: expect.any(String) } });
    expect(ruleFor('text')?.outputs).toEqual([{ text: expect.any(String) }]);
    expect(ruleFor('multi')?.outputs?.length).toBe(3);
    expect(ruleFor('agent')?.outputs?.[1]).toMatchObject({ agentTransfer: { QueueName: 'Support' }, signal: 'data-item' });
    expect(ruleFor('agent task')?.outputs?.[1]).toMatchObject({ signal: 'end-of-task' });
    expect(ruleFor('backend')?.slowBackend).toBeDefined();
    expect(matchRule(script, { text: 'ON_CONNECT', event: 'ON_CONNECT' })?.name).toBe('welcome');
  });

  it('maps the failure words to behaviours', () => {
    expect(ruleFor('slow')?.delayMs).toBe(10_000);
    expect(ruleFor('boom')?.status).toBe(500);
    expect(ruleFor('unavailable')?.status).toBe(503);
    expect(ruleFor('hang')?.hang).toBe(true);
    expect(ruleFor('drop')?.closeConnection).toBe(true);
  });
});
