import { HttpProblem, validationProblem } from './problem.js';

/**
 * Bounds on the shape of any JSON body, checked before class-transformer and class-validator see
 * it: both recurse (a body nested 10,000 deep overflowed the stack: 500), and both visit every
 * element of a list before its DTO's ArrayMaxSize can refuse it (80,000 empty members blocked the
 * event loop for 5 s and made a 65 MB error body). The DTOs hold each field's domain maximum;
 * these are the ceilings above all of them.
 */
export const BODY_SHAPE = {
  /** Levels of objects and arrays; the deepest DTO has three. */
  maxDepth: 32,
  /** Elements of one array: the largest list a DTO takes is a Kube's 500 households. */
  maxArrayLength: 500,
  /** Properties of one object: no DTO has more than a dozen. */
  maxKeys: 100,
  /** Characters of one property name. */
  maxKeyLength: 100,
} as const;

type Shape = { -readonly [K in keyof typeof BODY_SHAPE]: number };

interface Visit {
  value: unknown;
  depth: number;
  parent: Visit | undefined;
  key: string;
}

const MAX_FIELD_LENGTH = 200;

/** `members.3.nik` for a visit, at most 200 characters (a hostile path could be far longer). */
function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let v: Visit | undefined = visit; v?.parent; v = v.parent) keys.push(v.key);
  const path = keys.reverse().join('.');
  return path.length > MAX_FIELD_LENGTH ? `${path.slice(0, MAX_FIELD_LENGTH - 1)}…` : path || '(body)';
}

const clip = (key: string): string => (key.length > 40 ? `${key.slice(0, 39)}…` : key);

/**
 * The first way `body` breaks the bounds, as a 400 problem naming the field, else undefined.
 * Iterative (an explicit stack), so its own depth never grows with the body's; it stops at the
 * first break, so a list is refused from its length without visiting its elements.
 */
export function checkBodyShape(body: unknown, shape: Shape = { ...BODY_SHAPE }): HttpProblem | undefined {
  const stack: Visit[] = [{ value: body, depth: 0, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value, depth } = visit;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= shape.maxDepth) {
      const field = pathOf(visit);
      return new HttpProblem(400, 'REQUEST.TOO_DEEP', `The body is nested deeper than ${shape.maxDepth} levels`, {
        errors: [{ field, rule: 'maxDepth', message: `nested deeper than ${shape.maxDepth} levels` }],
      });
    }
    if (Array.isArray(value)) {
      if (value.length > shape.maxArrayLength) {
        const field = pathOf(visit);
        return validationProblem([
          {
            field,
            rule: 'arrayMaxSize',
            message: `${field} has ${value.length} elements; no list in this API takes more than ${shape.maxArrayLength}`,
          },
        ]);
      }
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], depth: depth + 1, parent: visit, key: String(i) });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > shape.maxKeys) {
      const field = pathOf(visit);
      return validationProblem([
        {
          field,
          rule: 'maxKeys',
          message: `${field} has ${keys.length} properties; no object in this API has more than ${shape.maxKeys}`,
        },
      ]);
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      if (key.length > shape.maxKeyLength) {
        const field = pathOf({ value: undefined, depth, parent: visit, key: clip(key) });
        return validationProblem([
          { field, rule: 'unknownField', message: `a property name of ${key.length} characters is not a known field` },
        ]);
      }
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, parent: visit, key });
    }
  }
  return undefined;
}
