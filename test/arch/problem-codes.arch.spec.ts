import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PROBLEM_CODES } from '../../apps/api/src/problem-codes.js';
import { SCOPE } from '#libs/platform/http/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const STATUS: Record<string, number> = { ruleBroken: 422, notFound: 404, conflict: 409 };

/** The codes a folder's sources throw, as `status code`: domain refusals and HttpProblems. */
function thrown(path: string, skip: string[] = []): string[] {
  const found = new Set<string>();
  const walk = (p: string) => {
    if (skip.some((s) => p.startsWith(join(ROOT, s)))) return;
    if (statSync(p).isDirectory()) return readdirSync(p).forEach((e) => walk(join(p, e)));
    if (!p.endsWith('.ts') || /\.(spec|e2e-spec)\.ts$/.test(p)) return;
    const source = readFileSync(p, 'utf8');
    for (const m of source.matchAll(/\b(ruleBroken|notFound|conflict)\(\s*'([A-Z_]+\.[A-Z_]+)'/g)) {
      found.add(`${STATUS[m[1]!]} ${m[2]}`);
    }
    for (const m of source.matchAll(/new HttpProblem\(\s*(\d{3}),\s*'([A-Z_]+\.[A-Z_]+)'/g))
      found.add(`${m[1]} ${m[2]}`);
    // A reservation's refusal (an identity or a place held by another stream) is a 409 under its own code.
    for (const m of source.matchAll(/\bconflictCode:\s*'([A-Z_]+\.[A-Z_]+)'/g)) found.add(`409 ${m[1]}`);
  };
  walk(join(ROOT, path));
  return [...found].sort();
}

const listed = (tag: string) =>
  Object.entries(PROBLEM_CODES[tag] ?? {}).flatMap(([status, codes]) => codes.map((code) => `${status} ${code}`));

describe('the problem codes the OpenAPI document lists per capability', () => {
  it.each([
    ['households', 'libs/households', []],
    ['pkh', 'libs/pkh', []],
    ['kube', 'libs/kube', []],
    ['training', 'libs/training', []],
    ['access', 'libs/access', ['libs/access/scope']],
    [SCOPE, 'libs/access/scope', []],
    ['casework', 'libs/casework', []],
    ['views and reports', 'libs/views', []],
    ['views and reports', 'libs/reporting', []],
    ['operations', 'libs/platform/admin.http.controller.ts', []],
    ['intake', 'libs/intake', []],
  ])('name every code %s throws', (tag, path, skip) => {
    expect(thrown(path, skip).filter((code) => !listed(tag).includes(code))).toEqual([]);
  });
});
