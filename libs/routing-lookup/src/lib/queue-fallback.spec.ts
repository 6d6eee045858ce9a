import { queueFallbackOf } from './queue-fallback';

describe('queueFallbackOf', () => {
  it('reads fallbackQueueId and fallbackQueueName, trimmed', () => {
    expect(queueFallbackOf({ fallbackQueueId: ' q-1 ', fallbackQueueName: 'General' })).toEqual({ queueId: 'q-1', queueName: 'General' });
    expect(queueFallbackOf({ fallbackQueueName: 'General' })).toEqual({ queueName: 'General' });
  });

  it('is null when neither is a non-blank string', () => {
    expect(queueFallbackOf({})).toBeNull();
    expect(queueFallbackOf(null)).toBeNull();
    expect(queueFallbackOf({ fallbackQueueId: 42, fallbackQueueName: '  ' })).toBeNull();
  });
});
