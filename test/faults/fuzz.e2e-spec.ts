import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ROOT } from '../support/build-dist.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

type Schema = { properties?: Record<string, unknown>; $ref?: string };
type Operations = { post?: { requestBody?: { content?: Record<string, { schema?: Schema }> } } };
/** The committed document, which the served one equals (openapi-document e2e): a test per command route. */
const doc = JSON.parse(readFileSync(join(ROOT, 'docs/openapi.json'), 'utf8')) as {
  paths: Record<string, Operations>;
  components: { schemas: Record<string, Schema> };
};
const routes = Object.entries(doc.paths).filter(([, ops]) => ops.post);

/**
 * Property-based requests against every command route of the OpenAPI document: arbitrary JSON,
 * schema-shaped bodies with hostile values, malformed JSON and wrong content types. No 5xx,
 * every refusal is problem+json, and a refused request appends nothing.
 */
describe('fuzzing every POST route of the OpenAPI document', () => {
  let t: TestApp;
  let tokens: string[];
  const params: Record<string, string> = {};
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    t = await startTestApp();
    tokens = [
      await t.token('admin', 'fuzz-admin'),
      await t.token('supervisor', 'sv-fuzz'),
      await t.token('caseworker', 'cw-fuzz'),
    ];
    const cw = await t.token('caseworker', 'cw-fuzz');
    const body = household();
    const created = await t.http
      .post('/api/v1/households')
      .set({ authorization: `Bearer ${cw}` })
      .send(body)
      .expect(201);
    params.id = created.body.id;
    params.householdId = created.body.id;
    params.nik = body.members[1]!.nik;
  });
  afterAll(async () => t.close());

  const hostile = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    fc.constant('x'.repeat(100_000)),
    fc.integer(),
    fc.constantFrom(-1, 0, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.constant(Array.from({ length: 2000 }, () => 'a')),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  );

  const fieldsOf = (schema: Schema | undefined): string[] => {
    const resolved = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema;
    return Object.keys(resolved?.properties ?? {});
  };

  it('finds the command routes', () => expect(routes.length).toBeGreaterThan(20));

  // One test per route: each has its own time, and a failure names its route.
  it.each(routes)(
    'POST %s never answers 5xx, always problem+json on refusal, and appends nothing it refuses',
    async (path, ops) => {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'not-a-real-id');
      // The first role the route lets in, so that bodies reach validation and the rules.
      let bearer = tokens[0]!;
      for (const candidate of tokens) {
        bearer = candidate;
        if (
          (
            await t.http
              .post(url)
              .set({ authorization: `Bearer ${candidate}` })
              .send({})
          ).status !== 403
        )
          break;
      }
      const fields = fieldsOf(ops.post!.requestBody?.content?.['application/json']?.schema);
      const body = fc.oneof(
        fc.anything({ maxDepth: 2 }),
        fields.length
          ? fc.record(Object.fromEntries(fields.map((f) => [f, hostile])), { requiredKeys: [] })
          : fc.object({ maxDepth: 1 }),
      );
      const raw = fc.oneof(
        fc.constantFrom('{', '{"a":', '[1,2', 'null', '"text"', '{"kk": "\u0000"}', ''),
        fc.string({ maxLength: 40 }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            body.map((b) => ({ kind: 'json' as const, b })),
            raw.map((r) => ({ kind: 'raw' as const, r })),
          ),
          fc.constantFrom('application/json', 'text/plain', 'application/xml'),
          async (input, contentType) => {
            const head = await t.store.headPosition();
            const request = t.http.post(url).set({
              authorization: `Bearer ${bearer}`,
              'content-type': input.kind === 'json' ? 'application/json' : contentType,
            });
            const response = await (input.kind === 'json'
              ? request.send(JSON.stringify(input.b) ?? 'null')
              : request.send(input.r));
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            if (response.status >= 500)
              throw new Error(`${path} answered ${response.status}: ${response.text.slice(0, 300)}`);
            if (response.status >= 400) {
              expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
              expect(typeof response.body.code).toBe('string');
              expect(await t.store.headPosition()).toBe(head);
            }
          },
        ),
        { numRuns: 25, seed: 20261129 },
      );
    },
    60_000,
  );

  it('reached validation and the rules, not only the doors', () => {
    expect(statuses.get(400)).toBeGreaterThan(100);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    process.stderr.write(`fuzz statuses: ${JSON.stringify(Object.fromEntries(statuses))}\n`);
  });
});
