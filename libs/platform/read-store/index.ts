export * from './read-database.js';
export * from './projection.js';
export * from './projection-runner.js';
export * from './read-consistency.js';
export * from './typed-events.js';
export * from './reach-condition.js';
export * from './row-chunks.js';
export * from './write-rows.js';
