import { describe, expect, it } from '@jest/globals';
import { MAX_LISTED_ERRORS, validationProblem } from './problem.js';

describe('validationProblem', () => {
  it('counts the fields that are invalid, not the rules they break', () => {
    const problem = validationProblem([
      { field: 'perCapitaIncome', rule: 'isInt', message: 'perCapitaIncome must be an integer number' },
      { field: 'perCapitaIncome', rule: 'min', message: 'perCapitaIncome must not be less than 0' },
      { field: 'povertyLine', rule: 'isInt', message: 'povertyLine must be an integer number' },
      { field: 'povertyLine', rule: 'min', message: 'povertyLine must not be less than 1' },
    ]);
    expect(problem.body().detail).toBe('The request has 2 invalid field(s): perCapitaIncome, povertyLine');
    expect(problem.body()).toMatchObject({ status: 400, code: 'VALIDATION.FAILED' });
  });

  it('lists at most MAX_LISTED_ERRORS errors and counts the rest', () => {
    const errors = Array.from({ length: MAX_LISTED_ERRORS + 5 }, (_, i) => ({
      field: `f${i}`,
      rule: 'isString',
      message: `f${i} must be a string`,
    }));
    const body = validationProblem(errors).body() as unknown as {
      detail: string;
      errors: unknown[];
      errorsOmitted: number;
    };
    expect(body.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(body.errorsOmitted).toBe(5);
    expect(body.detail).toMatch(
      new RegExp(`^The request has ${MAX_LISTED_ERRORS + 5} invalid field\\(s\\): f0, .*, \\.\\.\\.$`),
    );
  });
});
