/**
 * Layer rules, checked by dependency-cruiser on the resolved imports of apps/ and libs/
 * (`npm run lint:arch`; test/arch runs the same). Paths are relative to the repository root.
 *
 * A capability is any folder of libs/ but the platform and the reference data: today
 * households, pkh, kube, training, access, audit, casework, views, reporting, privacy and projections.
 */
const CAPABILITY = '^libs/(?!platform/|reference-data/)[^/]+/';
const SPEC = '\\.(spec|e2e-spec)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No import cycle anywhere in apps/ and libs/, type-only imports included.',
      severity: 'error',
      from: { path: '^(apps|libs)/' },
      to: { circular: true },
    },
    {
      name: 'pure-domain',
      comment:
        'A domain folder (libs/*/domain/) is pure: it imports only its own domain folder, the domain kernel ' +
        '(libs/platform/domain) and the reference data; no Nest, no I/O, no package at all.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/domain/', pathNot: SPEC },
      to: { pathNot: ['^libs/$1/domain/', '^libs/platform/domain/', '^libs/reference-data/'] },
    },
    {
      name: 'capability-through-index',
      comment:
        "Code outside a capability (an app, another capability) reaches it only through the capability's index.ts.",
      severity: 'error',
      from: { path: '^(apps|libs/[^/]+)/' },
      to: { path: CAPABILITY, pathNot: ['^$1/', '^libs/[^/]+/index\\.ts$'] },
    },
    {
      name: 'platform-knows-no-capability',
      comment: 'The platform imports no capability and no app: capabilities build on it, never the reverse.',
      severity: 'error',
      from: { path: '^libs/platform/' },
      to: { path: [CAPABILITY, '^apps/'] },
    },
    {
      name: 'libs-never-import-apps',
      comment: 'Apps compose the libraries; a library never reaches back into an app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'reference-data-stands-alone',
      comment: 'The reference data imports nothing of ours but itself.',
      severity: 'error',
      from: { path: '^libs/reference-data/' },
      to: { path: '^(apps|libs|test|bench)/', pathNot: '^libs/reference-data/' },
    },
    {
      name: 'resolvable',
      comment: 'Every import resolves: a rule cannot check what it cannot find.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    // Type-only imports count too: they tie layers together as much as value imports do.
    tsPreCompilationDeps: true,
    // Resolves `.js` specifiers to the `.ts` sources (nodenext), as tsc does.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      // `#libs/*` is a subpath import (package.json "imports"): its `types` condition points at
      // the sources, `default` at dist/. Resolve as TypeScript does, to the sources.
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
