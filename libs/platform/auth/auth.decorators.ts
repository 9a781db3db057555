import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Principal, Role } from './roles.js';

export const PUBLIC_ROUTE = 'jejak:public';
export const ALLOWED_ROLES = 'jejak:roles';

/** No token needed (health, API docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
export const TOKEN_OPTIONAL = 'token-optional';
/**
 * No token needed, but one that is sent is verified (401 if bad) and its principal, of any role,
 * set on the request: the route tells a caller with a token more (health details).
 */
export const TokenOptional = () => SetMetadata(PUBLIC_ROUTE, TOKEN_OPTIONAL);
/**
 * Roles allowed on a route; a route without @Roles or @Public is closed to everyone. The OpenAPI
 * document lists them as the operation's `x-roles`.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ALLOWED_ROLES, roles), ApiExtension('x-roles', roles));

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
