import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/**
 * Layer rules, checked on the import statements of every source file:
 * - a domain folder is pure: no Nest, no I/O libraries, nothing outside the domain kernel;
 * - capabilities reach each other only through their index.ts;
 * - the platform knows no capability.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const PLATFORM_AND_SHARED = new Set(['platform', 'reference-data']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1]!);
}

/** 'libs/households/...' -> 'households'; the lib a path (relative to ROOT) belongs to. */
const libOf = (path: string): string | undefined => (path.startsWith(`libs${sep}`) ? path.split(sep)[1] : undefined);

/** Resolves an import to a repo-relative path, or undefined for a package. */
function target(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('#libs/')) return join('libs', specifier.slice('#libs/'.length));
  if (specifier.startsWith('.')) return relative(ROOT, resolve(dirname(file), specifier));
  return undefined;
}

const files = [...sourceFiles(join(ROOT, 'libs')), ...sourceFiles(join(ROOT, 'apps'))].filter(
  (f) => !f.endsWith('.spec.ts'),
);

describe('architecture', () => {
  it('finds the code it checks', () => {
    expect(files.some((f) => f.includes(`${sep}domain${sep}`))).toBe(true);
  });

  it('keeps every domain folder free of Nest, I/O and other layers', () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => f.includes(`${sep}domain${sep}`))) {
      const domainDir = relative(ROOT, file).split(`${sep}domain${sep}`)[0] + `${sep}domain`;
      for (const specifier of importsOf(file)) {
        const to = target(file, specifier);
        const allowed =
          to !== undefined &&
          (to.startsWith(domainDir) ||
            to.startsWith(join('libs', 'platform', 'domain')) ||
            to.startsWith(join('libs', 'reference-data')));
        if (!allowed) broken.push(`${relative(ROOT, file)} imports ${specifier}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('lets code reach a capability from outside only through its index.ts', () => {
    const broken: string[] = [];
    for (const file of files) {
      const from = libOf(relative(ROOT, file));
      for (const specifier of importsOf(file)) {
        const to = target(file, specifier);
        const lib = to && libOf(to);
        if (!lib || lib === from || PLATFORM_AND_SHARED.has(lib)) continue;
        if (to !== join('libs', lib, 'index.js')) broken.push(`${relative(ROOT, file)} imports ${specifier}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('keeps the platform and reference data independent of every capability', () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => PLATFORM_AND_SHARED.has(libOf(relative(ROOT, f)) ?? ''))) {
      for (const specifier of importsOf(file)) {
        const lib = libOf(target(file, specifier) ?? '');
        if (lib && !PLATFORM_AND_SHARED.has(lib)) broken.push(`${relative(ROOT, file)} imports ${specifier}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
