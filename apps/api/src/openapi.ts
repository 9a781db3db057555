/**
 * Writes the OpenAPI document the service serves at /docs/openapi.json:
 *   npm run openapi            (docs/openapi.json, then the typed client's types from it)
 *   node dist/apps/api/src/openapi.js <file>
 * The app is built on empty SQLite stores in a temporary directory: the document depends on
 * the code only, never on data or configuration.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '#libs/platform/config/index.js';
import { createApp } from './create-app.js';

const out = process.argv[2] ?? 'docs/openapi.json';
const dataDir = mkdtempSync(join(tmpdir(), 'jejak-openapi-'));
try {
  const config = loadConfig({ JEJAK_DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'error' });
  const app = await createApp(config);
  const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs/openapi.json' });
  await app.close();
  writeFileSync(out, `${JSON.stringify(JSON.parse(response.body), null, 2)}\n`);
  console.error(`[openapi] ${out} written`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
