/** Reporting: outcome figures folded from the event feed (used by reports and reporting jobs). */
export * from './outcome-facts.js';
export * from './outcome-summary.js';
export * from './business-date.js';
export * from './period-close/index.js';
export * from './month-totals.js';
