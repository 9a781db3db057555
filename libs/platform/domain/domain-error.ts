/**
 * A refusal by the domain, with a stable code (`AREA.RULE_NAME`) that clients can rely on.
 * The kind says how the HTTP layer answers: a broken rule is 422, an unknown thing 404, a thing
 * that already exists or an identity held by someone else 409.
 */
export type DomainErrorKind = 'rule' | 'not_found' | 'conflict';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const ruleBroken = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('rule', code, message, details);
export const notFound = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('not_found', code, message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', code, message, details);
