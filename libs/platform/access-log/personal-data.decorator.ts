import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Principal } from '#libs/platform/auth/index.js';

export const PERSONAL_DATA = 'jejak:personal-data';

/** What an extractor may look at besides the answer. */
export interface PersonalDataRequest {
  params: Record<string, string | undefined>;
  query: unknown;
  principal?: Principal;
}

/**
 * The households a successful answer carries. The default is the route's `id` path parameter.
 * `null`, `undefined` or no id: the answer carried no personal data this time (nothing is
 * recorded), e.g. the redacted feed a reporter gets.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route's answer has its own type
export type HouseholdsOf<Body = any> = (
  body: Body,
  request: PersonalDataRequest,
) => Iterable<string | null | undefined> | null | undefined;

export interface PersonalDataOptions<Body = unknown> {
  households?: HouseholdsOf<Body>;
}

export const X_PURPOSE_HEADER = 'x-purpose';

/**
 * The route answers with personal data: every successful answer is recorded in the access log
 * (who, when, which households, through which route, and the X-Purpose the client sent).
 *
 *   @PersonalData()                                                  // the `:id` household
 *   @PersonalData({ households: (page: Page<X>) => page.items.map((h) => h.id) })
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see HouseholdsOf
export const PersonalData = <Body = any>(options: PersonalDataOptions<Body> = {}) =>
  applyDecorators(
    SetMetadata(PERSONAL_DATA, options),
    ApiHeader({
      name: 'X-Purpose',
      required: false,
      description:
        'Why the data is read (at most 200 printable characters); kept in the access log with who read which households',
    }),
  );
