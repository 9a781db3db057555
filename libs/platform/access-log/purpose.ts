import { validationProblem } from '#libs/platform/http/problem.js';

export const MAX_PURPOSE_LENGTH = 200;
const PRINTABLE = /^[\x20-\x7e]*$/;

/**
 * The X-Purpose header: absent or blank is no purpose; else at most 200 printable ASCII
 * characters (header values are not reliably anything else), or a 400 naming the header.
 */
export function purposeOf(header: string | string[] | undefined): string | null {
  const raw = Array.isArray(header) ? header.join(', ') : header;
  const purpose = raw?.trim();
  if (!purpose) return null;
  if (purpose.length <= MAX_PURPOSE_LENGTH && PRINTABLE.test(purpose)) return purpose;
  const message = `X-Purpose must be at most ${MAX_PURPOSE_LENGTH} printable characters`;
  throw validationProblem([{ field: 'X-Purpose', rule: 'isPurpose', message }]);
}
