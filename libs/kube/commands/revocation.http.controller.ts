import { revocationController } from '#libs/platform/http/index.js';
import { KubeRevocationCommandHandler } from './revocation.command-handler.js';

/** Corrections of a Kube's entries (ADR 0019). */
export const KubeRevocationController = revocationController({
  name: 'KubeRevocationController',
  resource: 'kubes',
  tag: 'kube',
  scope: { kind: 'kube', param: 'id' },
  summary:
    'Revoke a wrong entry of the group by its event id: a supervisor at once, a caseworker asks when it moved ' +
    'money or a household’s place; the answer lists the later entries that followed from it',
  handler: KubeRevocationCommandHandler,
});
