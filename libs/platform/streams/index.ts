export * from './stream-reader.js';
