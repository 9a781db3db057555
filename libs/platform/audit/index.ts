export * from './canonical-json.js';
export * from './audit-chain.js';
export * from './actor-index.js';
export * from './audit.http.controller.js';
