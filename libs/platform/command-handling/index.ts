export * from './command-context.js';
export * from './command-executor.js';
export * from './deterministic-id.js';
export * from './reservations.js';
export * from './revocations.js';
