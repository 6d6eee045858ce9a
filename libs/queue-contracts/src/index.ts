export * from './lib/queue-names';
export * from './lib/delivery.contract';
export * from './lib/housekeeping.contract';
export * from './lib/outbox-sweep.contract';
export * from './lib/routing-refresh.contract';
export * from './lib/bot-connector.contract';
export * from './lib/end-detection.contract';
