import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { PreconditionFailedError } from '#libs/platform/command-handling/command-context.js';
import { conflict, notFound, ruleBroken } from '#libs/platform/domain/index.js';
import { ConcurrencyError } from '#libs/platform/event-store/index.js';
import { clientErrorProblem, toProblem } from './problem-details.filter.js';
import { NEVER_MATCHES, parseIfMatch } from './command-context.decorator.js';

describe('toProblem', () => {
  it('maps domain refusals by kind: rule 422, not found 404, conflict 409', () => {
    expect(toProblem(ruleBroken('A.RULE', 'm')).status).toBe(422);
    expect(toProblem(notFound('A.NOT_FOUND', 'm')).status).toBe(404);
    const dup = toProblem(conflict('A.TAKEN', 'm', { householdId: 'h1' }));
    expect(dup.body()).toMatchObject({
      status: 409,
      code: 'A.TAKEN',
      householdId: 'h1',
      type: 'urn:jejak:problem:a.taken',
    });
  });

  it('maps If-Match mismatches to 412 with the current revision as ETag', () => {
    const problem = toProblem(new PreconditionFailedError('household-1', 2, 5));
    expect(problem.status).toBe(412);
    expect(problem.body()).toMatchObject({ code: 'STREAM.REVISION_MISMATCH', currentRevision: 5 });
    expect(problem.headers).toEqual({ etag: '"5"' });
  });

  it('maps a lost race to 409', () => {
    expect(toProblem(new ConcurrencyError('s', 1, 2)).body()).toMatchObject({
      status: 409,
      code: 'STREAM.CONCURRENT_CHANGE',
    });
  });

  it('maps framework errors without leaking internals', () => {
    expect(toProblem(new NotFoundException()).body()).toMatchObject({ status: 404, code: 'HTTP.NOT_FOUND' });
    expect(toProblem(new PayloadTooLargeException()).body()).toMatchObject({
      status: 413,
      code: 'REQUEST.BODY_TOO_LARGE',
    });
    expect(toProblem(new BadRequestException('Body is not valid JSON')).code).toBe('REQUEST.MALFORMED_JSON');
    const unexpected = toProblem(new TypeError('secret detail at /srv/app.js:10'));
    expect(unexpected.body()).toMatchObject({ status: 500, code: 'SERVER.UNEXPECTED' });
    expect(JSON.stringify(unexpected.body())).not.toContain('secret');
  });
});

describe('clientErrorProblem', () => {
  it("maps Node's parser errors to stable codes", () => {
    expect(
      [{ code: 'HPE_HEADER_OVERFLOW' }, { code: 'ERR_HTTP_REQUEST_TIMEOUT' }, { code: 'HPE_INVALID_METHOD' }, {}].map(
        (e) => clientErrorProblem(e).body(),
      ),
    ).toMatchObject([
      { status: 431, code: 'REQUEST.HEADERS_TOO_LARGE', title: 'Request Header Fields Too Large' },
      { status: 408, code: 'REQUEST.TIMEOUT' },
      { status: 400, code: 'REQUEST.MALFORMED' },
      { status: 400, code: 'REQUEST.MALFORMED' },
    ]);
  });
});

describe('parseIfMatch', () => {
  it('accepts quoted and bare revisions', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('3')).toBe(3);
    expect(parseIfMatch(undefined)).toBeUndefined();
  });
  it('reads a weak tag as a revision no stream has: strong comparison never matches it', () => {
    expect(parseIfMatch('W/"12"')).toBe(NEVER_MATCHES);
    expect(parseIfMatch('W/"0"')).toBe(NEVER_MATCHES);
    const problem = toProblem(new PreconditionFailedError('household-1', NEVER_MATCHES, 12));
    expect(problem.body()).toMatchObject({ status: 412, code: 'STREAM.REVISION_MISMATCH', currentRevision: 12 });
    expect(problem.detail).toMatch(/weak tag/);
  });
  it('refuses anything else', () => {
    expect(() => parseIfMatch('"abc"')).toThrow(/revision number/);
    expect(() => parseIfMatch('*')).toThrow(/revision number/);
  });
});
