export * from './logging.js';
export * from './readiness.js';
export * from './redact.js';
