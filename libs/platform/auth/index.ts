export * from './roles.js';
export * from './jwt.js';
export * from './jwt-secret.js';
export * from './auth.decorators.js';
export * from './auth.guard.js';
export * from './reach.js';
