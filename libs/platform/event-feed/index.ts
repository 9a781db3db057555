export * from './feed-message.js';
export * from './event-publisher.port.js';
export * from './kafka.js';
export * from './feed-relay.js';
export * from './kafka-topics.js';
