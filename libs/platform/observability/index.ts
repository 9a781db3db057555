export * from './logging.js';
export * from './redact.js';
