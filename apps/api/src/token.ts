/**
 * Mints a bearer token for local use with the same secret the service uses:
 *   npm run token -- --role caseworker --sub cw-01 [--name "Dewi"] [--ttl 8h]
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ROLES, isRole, resolveJwtSecret, signToken } from '#libs/platform/auth/index.js';
import { ConfigError, loadConfig } from '#libs/platform/config/index.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    sub: { type: 'string' },
    name: { type: 'string' },
    ttl: { type: 'string', default: '8h' },
  },
});

if (!isRole(values.role) || !values.sub) {
  console.error(`usage: npm run token -- --role <${ROLES.join('|')}> --sub <user id> [--name <name>] [--ttl 8h]`);
  process.exit(2);
}

try {
  const config = loadConfig();
  const secret = resolveJwtSecret(config.jwtSecret, config.dataDir, (m) => console.error(m));
  console.log(
    await signToken(
      secret,
      { sub: values.sub, role: values.role, ...(values.name ? { name: values.name } : {}) },
      values.ttl,
    ),
  );
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(2);
}
