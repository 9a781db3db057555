import { describe, expect, it } from '@jest/globals';
import { BODY_SHAPE, checkBodyShape } from './body-shape.js';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('checkBodyShape', () => {
  it('takes what the DTOs take', () => {
    expect(
      checkBodyShape({ kk: '1', members: [{ nik: '2', name: 'A' }], address: { kecamatan: 'x' } }),
    ).toBeUndefined();
    expect(checkBodyShape(nested(BODY_SHAPE.maxDepth))).toBeUndefined();
    expect(checkBodyShape(null)).toBeUndefined();
    expect(checkBodyShape('text')).toBeUndefined();
  });

  it('refuses depth beyond the limit without recursing, however deep', () => {
    expect(checkBodyShape(nested(BODY_SHAPE.maxDepth + 1))?.code).toBe('REQUEST.TOO_DEEP');
    const deep = JSON.parse(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`) as unknown;
    const problem = checkBodyShape(deep);
    expect(problem?.body()).toMatchObject({ status: 400, code: 'REQUEST.TOO_DEEP' });
    expect(JSON.stringify(problem?.body()).length).toBeLessThan(1_000);
  });

  it('refuses a long list from its length, naming it', () => {
    const problem = checkBodyShape({ members: [{}, { children: Array(501).fill({}) }] });
    expect(problem?.body()).toMatchObject({
      code: 'VALIDATION.FAILED',
      errors: [{ field: 'members.1.children', rule: 'arrayMaxSize' }],
    });
  });

  it('refuses objects with too many properties, or over-long property names, and clips the name', () => {
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]));
    expect(checkBodyShape({ address: many })?.body()).toMatchObject({
      errors: [{ field: 'address', rule: 'maxKeys' }],
    });
    const problem = checkBodyShape({ ['x'.repeat(10_000)]: 1 });
    expect(problem?.body()).toMatchObject({ errors: [{ rule: 'unknownField' }] });
    expect(JSON.stringify(problem?.body()).length).toBeLessThan(1_000);
  });
});
