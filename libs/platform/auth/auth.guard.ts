import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { HttpProblem } from '#libs/platform/http/problem.js';
import { ALLOWED_ROLES, PUBLIC_ROUTE, TOKEN_OPTIONAL } from './auth.decorators.js';
import { TokenKeysUnavailable, TokenVerifier, tokenSettings } from './jwt.js';
import { SCOPE_CHECK, SCOPE_TARGETS, type ScopeCheck, type ScopeTarget, type ScopedRequest } from './reach.js';
import type { Principal, Role } from './roles.js';

export const JWT_SECRET = Symbol('JWT_SECRET');

/** Global guard: every route needs a valid bearer token and an allowed role, unless @Public. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly tokens: TokenVerifier;

  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_SECRET) secret: string,
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() @Inject(SCOPE_CHECK) private readonly scope?: ScopeCheck,
  ) {
    this.tokens = new TokenVerifier(tokenSettings(config.tokens, secret));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const open = this.reflector.getAllAndOverride<boolean | typeof TOKEN_OPTIONAL>(PUBLIC_ROUTE, targets);
    if (open === true) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers.authorization ?? '';
    if (open === TOKEN_OPTIONAL && header === '') return true;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      throw new HttpProblem(
        401,
        'AUTH.TOKEN_MISSING',
        'Send a bearer token: Authorization: Bearer <jwt>',
        {},
        { 'www-authenticate': 'Bearer' },
      );
    }
    try {
      request.principal = await this.tokens.verify(match[1]!);
    } catch (error) {
      if (error instanceof TokenKeysUnavailable) {
        // The identity provider is unreachable: the client should retry, not throw its token away.
        throw new HttpProblem(503, 'AUTH.KEYS_UNAVAILABLE', `The bearer token could not be checked: ${error.message}`);
      }
      throw new HttpProblem(
        401,
        'AUTH.TOKEN_INVALID',
        `The bearer token was refused: ${(error as Error).message}`,
        {},
        {
          'www-authenticate': 'Bearer error="invalid_token"',
        },
      );
    }
    if (open === TOKEN_OPTIONAL) return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    if (!allowed.includes(request.principal.role)) {
      throw new HttpProblem(403, 'AUTH.ROLE_NOT_ALLOWED', `The role ${request.principal.role} may not do this`, {
        allowedRoles: allowed,
      });
    }
    const scoped = this.reflector.get<ScopeTarget[] | undefined>(SCOPE_TARGETS, context.getHandler()) ?? [];
    await this.scope?.check(request as unknown as ScopedRequest, scoped);
    return true;
  }
}
