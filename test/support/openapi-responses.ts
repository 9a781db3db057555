import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Json } from '#libs/platform/http/openapi/json.js';

/**
 * Paths the OpenAPI document leaves out by design, each with its reason. Nothing else is exempt.
 */
export const NOT_IN_THE_DOCUMENT: Array<{ path: RegExp; reason: string }> = [
  {
    path: /^\/docs(\/.*)?$/,
    reason: 'the Swagger UI and the document itself (HTML, scripts, the JSON describing the API)',
  },
];

export interface CheckedResponse {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or the text. */
  body: unknown;
  text: string;
}

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

/** OpenAPI 3.0's `nullable` as JSON Schema: the schema or null. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema as Json)) {
    if (key === 'example' || key === 'examples' || key.startsWith('x-')) continue;
    out[key] = key === '$ref' ? String(value).replace('#/components/', 'openapi#/components/') : toJsonSchema(value);
  }
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  delete out.nullable;
  return out;
}

/**
 * Checks every response against the served OpenAPI document: the path and method are described,
 * the status is listed, the media type is one the status lists, the body matches its schema, a
 * problem's `code` is one the status lists and the headers marked required are there. What the
 * router answers for a path or method it does not know must be a problem+json 404/405.
 */
export class OpenApiResponses {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: Array<{ template: string; pattern: RegExp; params: number }>;

  constructor(private readonly document: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', components: toJsonSchema(document.components) as Json });
    this.routes = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (template.match(/\{/g) ?? []).length,
      }))
      // A literal segment wins over a parameter (/audit/access/verify before /audit/{x}/...).
      .sort((a, b) => a.params - b.params);
  }

  /** Throws, naming what is wrong, when the document does not describe the response. */
  check(response: CheckedResponse): void {
    const path = response.url.replace(/^https?:\/\/[^/]+/, '').split('?')[0]!;
    if (NOT_IN_THE_DOCUMENT.some((e) => e.path.test(path))) return;
    const where = `${response.method.toUpperCase()} ${path} answered ${response.status}`;
    const route = this.routes.find((r) => r.pattern.test(path));
    const operation = route && (this.document.paths[route.template] as Json)[response.method.toLowerCase()];
    if (!operation) {
      // The router's own refusals: no route, or not this method.
      if (response.status !== 404 && response.status !== 405) {
        throw new Error(`${where}: no operation in the OpenAPI document describes this request`);
      }
      this.checkBody(where, 'ProblemDto', { $ref: '#/components/schemas/ProblemDto' }, response);
      return;
    }
    const described = this.resolved((operation.responses as Json)[String(response.status)] as Json | undefined);
    if (!described) {
      throw new Error(`${where}: the OpenAPI document lists ${Object.keys(operation.responses).join(', ')} only`);
    }
    for (const [name, header] of Object.entries((described.headers ?? {}) as Json)) {
      if ((header as Json).required && response.headers[name.toLowerCase()] === undefined) {
        throw new Error(`${where}: the required header ${name} is missing`);
      }
    }
    const content = described.content as Json | undefined;
    const type = String(response.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    if (!content) {
      if (response.text) throw new Error(`${where}: a body (${type}) where the document describes none`);
      return;
    }
    const media = content[type] as Json | undefined;
    if (!media)
      throw new Error(`${where}: ${type || 'no content type'}, the document lists ${Object.keys(content).join(', ')}`);
    this.checkBody(where, `${route!.template} ${response.method} ${response.status} ${type}`, media.schema, response);
    // A problem's code must be one the status lists (`x-problem-codes`), not only its shape.
    const codes = described['x-problem-codes'] as string[] | undefined;
    if (!/problem\+json/.test(type) || !codes) return;
    const body = (typeof response.body === 'object' ? response.body : JSON.parse(response.text)) as { code?: unknown };
    const code = body?.code;
    if (typeof code === 'string' && !codes.includes(code))
      throw new Error(`${where}: code ${code}, the document lists ${codes.join(', ')} for this status`);
  }

  /** A response given by reference (`#/components/responses/...`, as the transport's statuses are). */
  private resolved(response: Json | undefined): Json | undefined {
    const ref = response?.$ref as string | undefined;
    if (ref === undefined) return response;
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<Json | undefined>((node, key) => node?.[key] as Json | undefined, this.document);
    if (!target) throw new Error(`${ref}: no such response in the OpenAPI document`);
    return target;
  }

  private checkBody(where: string, key: string, schema: unknown, response: CheckedResponse): void {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema ?? {}) as Json);
      this.validators.set(key, validate);
    }
    const isJson = /json/.test(String(response.headers['content-type'] ?? ''));
    const body =
      isJson && typeof response.body !== 'object' ? JSON.parse(response.text) : isJson ? response.body : response.text;
    if (!validate(body)) {
      const errors = (validate.errors ?? [])
        .slice(0, 5)
        .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
        .join('; ');
      throw new Error(`${where}: the body does not match the document: ${errors}`);
    }
  }
}
