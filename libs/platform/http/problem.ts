/**
 * An RFC 9457 problem that any layer may throw; the exception filter writes it as
 * application/problem+json. `code` is stable and is what clients branch on.
 */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const titleFor = (status: number): string => TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');

/** Problem types are documented under one URN namespace, one per code. */
export const problemType = (code: string): string => `urn:jejak:problem:${code.toLowerCase().replace(/_/g, '-')}`;

export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  body(instance?: string): ProblemBody {
    return {
      type: problemType(this.code),
      title: titleFor(this.status),
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

/** A validation problem names at most this many errors, and counts the rest in `errorsOmitted`. */
export const MAX_LISTED_ERRORS = 20;

export const validationProblem = (errors: FieldError[]): HttpProblem => {
  const listed = errors.slice(0, MAX_LISTED_ERRORS);
  const omitted = errors.length - listed.length;
  const fields = [...new Set(listed.map((e) => e.field))];
  // A field can break several rules (an integer below its minimum): the count is of fields.
  const invalid = new Set(errors.map((e) => e.field)).size;
  return new HttpProblem(
    400,
    'VALIDATION.FAILED',
    `The request has ${invalid} invalid field(s): ${fields.join(', ')}${omitted ? ', ...' : ''}`,
    omitted ? { errors: listed, errorsOmitted: omitted } : { errors: listed },
  );
};
