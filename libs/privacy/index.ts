/** Personal data: which field of which event may go where (ADR 0010). */
export * from './personal-data-policy.js';
export { PERSONAL_DATA_AT_REST } from './personal-data-at-rest.js';
