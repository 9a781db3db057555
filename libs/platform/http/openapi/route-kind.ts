import { Get, applyDecorators } from '@nestjs/common';
import {
  ApiExtension,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  type ApiResponseNoStatusOptions,
} from '@nestjs/swagger';
import { Roles, type Role } from '#libs/platform/auth/index.js';

/**
 * What the document pass (completeDocument) needs to know of a route to add the headers and the
 * error responses its kind implies; it removes the marker from the served document.
 */
export const ROUTE_KIND = 'x-jejak-route';
export interface RouteKind {
  kind: 'command' | 'read';
  /** A command that creates its resource: 201 with Location, no If-Match. */
  creates?: boolean;
  /** A read that also answers Accept: text/csv. */
  csv?: boolean;
}

export const RouteKindOf = (kind: RouteKind) => ApiExtension(ROUTE_KIND, kind);

/**
 * A read route: GET, the roles that may call it, and its success body (a response DTO class). The
 * error statuses (400, 401, 403, 404 where the path names something, 429, 503) and, with `csv`,
 * the text/csv answer are added to the document from this.
 */
export const ReadRoute = (
  path: string,
  summary: string,
  roles: Role[],
  response: ApiResponseNoStatusOptions,
  { csv = false }: { csv?: boolean } = {},
) =>
  applyDecorators(
    Get(path),
    Roles(...roles),
    ApiOperation({ summary }),
    ApiOkResponse(response),
    ...(csv ? [ApiProduces('application/json', 'text/csv')] : []),
    RouteKindOf({ kind: 'read', csv }),
  );

/** A problem answer on a route the document pass leaves alone (the public operations routes). */
export const ApiProblemResponse = (status: number, codes: string[], description: string) =>
  ApiResponse({
    status,
    description: `${description}. Codes: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
  });
