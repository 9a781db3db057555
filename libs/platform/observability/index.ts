export * from './logging.js';
export * from './metrics.js';
export * from './metrics.http.controller.js';
export * from './readiness.js';
export * from './redact.js';
