import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * What an incoming request or correlation id may look like: 1 to 128 letters, digits and
 * `._:@-` (a UUID, a ULID, a W3C trace id, `svc-42.7`). Anything else is ignored, so that no
 * client can put a line break, a huge value or a person's data into the logs and the events
 * through a header: a run of 16 digits (a NIK or KK) is refused too.
 */
const ACCEPTABLE_ID = /^[\w.:@-]{1,128}$/;
const IDENTITY_NUMBER = /\d{16}/;

/** The header value if it is a usable id, else undefined. */
export function acceptableId(value: string | string[] | undefined): string | undefined {
  const id = Array.isArray(value) ? value[0] : value;
  return id !== undefined && ACCEPTABLE_ID.test(id) && !IDENTITY_NUMBER.test(id) ? id : undefined;
}

/**
 * The id of a request: the caller's `X-Request-Id`, else its `X-Correlation-Id`, when usable;
 * else a new UUID. It is echoed in the `X-Request-Id` response header and is on every log line
 * of the request.
 */
export function requestIdOf(headers: IncomingHttpHeaders): string {
  return acceptableId(headers['x-request-id']) ?? acceptableId(headers['x-correlation-id']) ?? randomUUID();
}
