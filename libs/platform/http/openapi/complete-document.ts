import type { OpenAPIObject } from '@nestjs/swagger';
import { titleFor } from '../problem.js';
import { ROUTE_KIND, type RouteKind } from './route-kind.js';
import type { Json } from './json.js';

/**
 * Problem codes a capability (an OpenAPI tag) may answer, by HTTP status; under SCOPE, those of
 * the scope check, added to every operation with `x-scope`.
 */
export type ProblemCodes = Record<string, Record<number, string[]>>;
export const SCOPE = 'x-scope';

const PROBLEM = '#/components/schemas/ProblemDto';
const RETRY_AFTER = {
  description: 'Seconds to wait before trying again',
  schema: { type: 'integer', minimum: 0 },
};

/** Codes every route of a kind may answer, whatever its capability. */
const AUTHENTICATED: Record<number, string[]> = {
  401: ['AUTH.TOKEN_MISSING', 'AUTH.TOKEN_INVALID'],
  403: ['AUTH.ROLE_NOT_ALLOWED'],
  429: ['REQUEST.RATE_LIMITED'],
  503: ['AUTH.KEYS_UNAVAILABLE'],
};
/**
 * What Node's parser and the router answer at 400 on any path before a route runs: a request that
 * is not well-formed HTTP, a URL whose percent-encoding does not decode.
 */
const ANY_REQUEST: Record<number, string[]> = { 400: ['REQUEST.MALFORMED', 'REQUEST.BAD_URL'] };
const COMMAND: Record<number, string[]> = {
  400: [
    'VALIDATION.FAILED',
    'REQUEST.INVALID_CONTENT_LENGTH',
    'REQUEST.MALFORMED_JSON',
    'REQUEST.EMPTY_JSON_BODY',
    'REQUEST.TOO_DEEP',
    'IDEMPOTENCY.KEY_TOO_LONG',
  ],
  403: ['ACCESS.READ_ONLY'],
  409: ['STREAM.CONCURRENT_CHANGE'],
  // The Idempotency-Key draft (IETF httpapi): a key reused with another payload is 422 (409 is
  // for a request still in progress under the key, which cannot happen here: the key is stored
  // with the command's events in one transaction).
  422: ['IDEMPOTENCY.KEY_REUSED'],
  413: ['REQUEST.BODY_TOO_LARGE'],
  415: ['REQUEST.UNSUPPORTED_MEDIA_TYPE'],
};
/**
 * What Node's HTTP parser and Fastify answer before any route runs, whatever the path: a request
 * not received in time, a body, a path or headers over their limits. OpenAPI has no responses for
 * the whole document, so every operation lists them, each by reference to one response under
 * `components.responses` (one description to keep, and the document stays small).
 */
const TRANSPORT: Record<number, { name: string; code: string; description: string }> = {
  408: {
    name: 'RequestTimeout',
    code: 'REQUEST.TIMEOUT',
    description: 'The headers or the body were not received within the request timeout; the connection is closed',
  },
  413: { name: 'ContentTooLarge', code: 'REQUEST.BODY_TOO_LARGE', description: 'The body is larger than the limit' },
  414: { name: 'UriTooLong', code: 'REQUEST.URI_TOO_LONG', description: 'The path or a path parameter is too long' },
  431: {
    name: 'HeadersTooLarge',
    code: 'REQUEST.HEADERS_TOO_LARGE',
    description: 'The request line and headers are larger than the limit',
  },
};

const STATUSES_OF_A_READ = new Set([400, 401, 403, 404, 429, 503]);

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or a field breaks a rule (`errors` names each)',
  401: 'No bearer token, or one that is not valid',
  403: 'The role may not do this, or the resource is read only or outside the area for this caller',
  404: "No such resource, or one outside the caller's reach (answered alike, so existence does not leak)",
  409: 'A conflict: the identity is held, or the resource changed while the command ran',
  412: 'If-Match names a revision the resource is no longer at (`currentRevision` says which it is)',
  413: 'The body is larger than the limit',
  415: 'Commands take application/json only',
  422: 'A programme rule refuses the command (the `code` names the rule)',
  429: 'Too many requests from this principal; retry after Retry-After seconds',
  503: 'Not available yet (the token keys cannot be fetched, or the read models have not reached minPosition)',
};

/**
 * Completes the document @nestjs/swagger builds from the decorators with what a route's kind
 * implies, so no controller lists it by hand: the error statuses with problem+json and the codes
 * they may carry (generic ones and those of the route's capability), Idempotency-Key and If-Match
 * on commands, ETag and Location on their answers, text/csv beside JSON on CSV reads, Retry-After
 * on 429 and 503, and the roles in the description beside `x-roles`.
 */
export function completeDocument(document: OpenAPIObject, problemCodes: ProblemCodes): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths) as Array<[string, Json]>) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      completeOperation(path, method, operation, problemCodes);
      for (const [status, { name }] of Object.entries(TRANSPORT))
        operation.responses[status] ??= { $ref: `#/components/responses/${name}` };
    }
  }
  const components = (document.components ??= {}) as Json;
  components.responses = {
    ...components.responses,
    ...Object.fromEntries(
      Object.entries(TRANSPORT).map(([status, { name, code, description }]) => [
        name,
        problemResponse(Number(status), [code], description),
      ]),
    ),
  };
  return document;
}

function completeOperation(path: string, method: string, operation: Json, problemCodes: ProblemCodes): void {
  // A route without a kind (an operator's action) gets the generic statuses and its capability's codes.
  const route = (operation[ROUTE_KIND] ?? unmarked(method, operation)) as
    RouteKind | { kind: 'other'; creates?: false; csv?: false };
  delete operation[ROUTE_KIND];
  const roles = operation['x-roles'] as string[] | undefined;
  // A stray OpenAPI 2 `schema` beside `content` (Terminus's decorators leave one where it can load
  // @nestjs/swagger, which is not everywhere): the content is what describes the body.
  // Its descriptions are merged before ours ("...\n\nours"): ours are kept, alike everywhere.
  for (const response of Object.values(operation.responses as Json) as Json[]) {
    delete response.schema;
    if (typeof response.description === 'string') response.description = response.description.split('\n\n').at(-1);
  }
  if (!roles) {
    // The public operations routes (health, metrics) describe their own answers; no token needed.
    operation.security = [];
    return;
  }
  operation.parameters ??= [];
  const parameters = operation.parameters as Json[];
  const responses = operation.responses as Json;

  const roleText = `Roles: ${roles.join(', ')}.`;
  const scope = operation['x-scope'] as Array<{ kind: string }> | undefined;
  const scopeText = scope ? ` Scoped to the caller's reach by ${scope.map((s) => s.kind).join(' and ')}.` : '';
  operation.description = [operation.description, roleText + scopeText].filter(Boolean).join('\n\n');

  const codes: Record<number, Set<string>> = {};
  const add = (table: Record<number, string[]>, keep: (status: number) => boolean = () => true) => {
    for (const [status, list] of Object.entries(table)) {
      if (keep(Number(status))) for (const code of list) (codes[Number(status)] ??= new Set()).add(code);
    }
  };
  add(AUTHENTICATED);
  add(ANY_REQUEST);
  const hasInput = parameters.some((p) => p.in === 'path' || p.in === 'query') || operation.requestBody !== undefined;
  if (hasInput) add({ 400: ['VALIDATION.FAILED'] });
  if (/\{[^}]+\}/.test(path)) add({ 404: ['HTTP.NOT_FOUND'] });
  if (parameters.some((p) => p.in === 'query' && p.name === 'minPosition')) add({ 503: ['READ_MODEL.NOT_CAUGHT_UP'] });
  const capability = (keep?: (status: number) => boolean) => {
    for (const tag of operation.tags ?? []) add(problemCodes[tag] ?? {}, keep);
    // The scope check answers for every route that names a household, group or course.
    if (operation['x-scope']) add(problemCodes[SCOPE] ?? {}, keep);
  };

  if (route.kind === 'command') {
    add(COMMAND);
    capability();
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Any string up to 255 characters: a retry with the same key returns the first answer, writing nothing; ' +
        'the same key with a different request answers 422 `IDEMPOTENCY.KEY_REUSED`',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    });
    if (!route.creates) {
      add({ 400: ['REQUEST.INVALID_IF_MATCH'], 412: ['STREAM.REVISION_MISMATCH'] });
      parameters.push({
        name: 'If-Match',
        in: 'header',
        required: false,
        description: 'The revision last seen ("3"); 412 if the resource has changed since. A weak tag never matches',
        schema: { type: 'string', example: '"3"' },
      });
    }
    for (const success of successes(responses)) {
      success.headers = {
        ...success.headers,
        ETag: {
          description: 'The new revision, quoted: send it back as If-Match',
          required: true,
          schema: { type: 'string' },
        },
        ...(route.creates
          ? { Location: { description: 'The created resource', required: true, schema: { type: 'string' } } }
          : {}),
      };
    }
  } else if (route.kind === 'other') {
    // An operator's POST takes no body, but a client may still send one: the parser answers first.
    if (method !== 'get')
      add({
        400: [
          'REQUEST.MALFORMED_JSON',
          'REQUEST.EMPTY_JSON_BODY',
          'REQUEST.TOO_DEEP',
          'REQUEST.INVALID_CONTENT_LENGTH',
        ],
        413: COMMAND[413]!,
        415: COMMAND[415]!,
      });
    capability();
  } else {
    capability((status) => STATUSES_OF_A_READ.has(status));
    for (const success of successes(responses)) {
      success.headers = {
        ...success.headers,
        ETag: { description: "The resource's revision, quoted, where the answer has one", schema: { type: 'string' } },
      };
      if (route.csv) {
        success.content ??= {};
        success.content['text/csv'] = { schema: { type: 'string', description: 'CSV with a header row' } };
        success.headers['Content-Disposition'] = {
          description: 'With Accept: text/csv, attachment; filename="...".csv',
          schema: { type: 'string' },
        };
      }
    }
  }

  for (const [status, list] of Object.entries(codes)) {
    // A status a decorator named without a body gets the problem body too.
    if (responses[status]?.content) continue;
    responses[status] = problemResponse(Number(status), [...list].sort());
  }
}

/** A GET without ReadRoute is a read (CSV if it says it produces text/csv); anything else an action. */
function unmarked(method: string, operation: Json): RouteKind | { kind: 'other' } {
  if (method !== 'get') return { kind: 'other' };
  return { kind: 'read', csv: successes(operation.responses as Json).some((r) => r.content?.['text/csv']) };
}

const successes = (responses: Json): Json[] =>
  Object.entries(responses)
    .filter(([status]) => status.startsWith('2'))
    .map(([, response]) => response as Json);

function problemResponse(status: number, codes: string[], detail = DESCRIPTIONS[status] ?? 'Refused'): Json {
  return {
    description: `${detail}. Codes: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
    'x-problem-codes': codes,
    ...(status === 429 || status === 503
      ? { headers: { 'Retry-After': { ...RETRY_AFTER, required: status === 429 } } }
      : {}),
    content: {
      'application/problem+json': {
        schema: { $ref: PROBLEM },
        example: {
          type: `urn:jejak:problem:${codes[0]!.toLowerCase().replace(/_/g, '-')}`,
          title: titleFor(status),
          status,
          detail,
          code: codes[0],
        },
      },
    },
  };
}
