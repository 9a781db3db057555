import { revocationController } from '#libs/platform/http/index.js';
import { RevocationCommandHandler } from './revocation.command-handler.js';

/** Corrections of a household's entries, in its household or PKH stream (ADR 0019). */
export const RevocationController = revocationController({
  name: 'RevocationController',
  resource: 'households',
  tag: 'corrections',
  scope: { kind: 'household', param: 'id' },
  summary:
    'Revoke a wrong entry by its event id: a supervisor at once, a caseworker asks when it moved money or status; ' +
    'the answer lists the later entries that followed from it',
  handler: RevocationCommandHandler,
});
