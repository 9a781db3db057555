import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/** nest-cli.json is the map of the monorepo: every app and every library is on it. */
const ROOT = resolve(import.meta.dirname, '../..');
const folders = (dir: string) =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${dir}/${entry.name}`);
const projects = Object.values(
  (JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as { projects: Record<string, { root: string }> })
    .projects,
).map((project) => project.root);

describe('nest-cli.json', () => {
  it('lists every folder under apps/ and libs/ as a project', () => {
    expect([...folders('apps'), ...folders('libs')].filter((folder) => !projects.includes(folder))).toEqual([]);
  });
});
