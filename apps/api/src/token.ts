/**
 * Mints a bearer token for local use with the same secret the service uses:
 *   npm run token -- --role caseworker --sub cw-01 [--name "Dewi"] [--ttl 8h]
 * The lifetime is at most JWT_MAX_LIFETIME (default 12h); without --ttl, 8h or that maximum if shorter.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ROLES, isRole, resolveJwtSecret, signToken } from '#libs/platform/auth/index.js';
import { ConfigError, formatDuration, loadConfig, parseDurationSeconds } from '#libs/platform/config/index.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> --sub <user id> [--name <name>] [--ttl 8h]`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function argumentsGiven() {
  try {
    return parseArgs({
      options: {
        role: { type: 'string' },
        sub: { type: 'string' },
        name: { type: 'string' },
        ttl: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    // An unknown option or a missing value: say which, with the usage, not a stack trace.
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

const values = argumentsGiven();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!isRole(values.role) || !values.sub) fail(USAGE);

try {
  const config = loadConfig();
  if (config.tokens.jwksUrl) {
    fail(
      'JWT_JWKS_URL is set: the service accepts only tokens of that identity provider, so get one from it ' +
        '(npm run token mints local HS256 tokens, which it refuses)',
    );
  }
  const max = config.tokens.maxLifetimeSeconds;
  const ttl = values.ttl === undefined ? Math.min(8 * 3_600, max) : parseDurationSeconds(values.ttl);
  if (ttl === undefined || ttl <= 0) fail(`--ttl ${values.ttl}: expected a duration such as 8h, 30m or 3600 (seconds)`);
  if (ttl > max) {
    fail(
      `--ttl ${values.ttl}: longer than the maximum token lifetime of ${formatDuration(max)} ` +
        '(JWT_MAX_LIFETIME); the service would refuse the token',
    );
  }
  const secret = resolveJwtSecret(config.jwtSecret, config.dataDir, (m) => console.error(m));
  console.log(
    await signToken(secret, { sub: values.sub, role: values.role, ...(values.name ? { name: values.name } : {}) }, ttl),
  );
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(2);
}
