export * from './pseudonym-key.js';
export * from './pseudonyms.js';
export * from './pii-free-view.js';
