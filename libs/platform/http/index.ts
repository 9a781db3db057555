export * from './problem.js';
export * from './problem-details.filter.js';
export * from './validation.js';
export * from './command-context.decorator.js';
export * from './idempotency/idempotency.store.js';
export * from './idempotency/sqlite-idempotency.store.js';
export * from './idempotency/idempotency.interceptor.js';
export * from './revision-etag.interceptor.js';
