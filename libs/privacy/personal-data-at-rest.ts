import { HOUSEHOLD_ERASED_BY } from '#libs/households/index.js';
import { sealedPaths, type PersonalDataDeclarations } from '#libs/platform/crypto-shredding/index.js';
import { TRAINING_OWNED_ELEMENTS } from '#libs/training/index.js';
import { privacyPaths } from './personal-data-policy.js';

const sealed = new Map<string, readonly string[]>();
const identities = new Map<string, readonly string[]>();

/**
 * What the event store seals under a household's key, from the same declarations as every
 * PII-free path (ADR 0010): the NIKs among them (each erased to a marker of its own), the
 * attendance lists sealed element by element under each household's key, and the events after
 * which that key is erased.
 */
export const PERSONAL_DATA_AT_REST: PersonalDataDeclarations = {
  fieldsOf(type) {
    let paths = sealed.get(type);
    if (!paths) sealed.set(type, (paths = sealedPaths(privacyPaths(type))));
    return paths;
  },
  identitiesOf(type) {
    let paths = identities.get(type);
    if (!paths) identities.set(type, (paths = privacyPaths(type).person));
    return paths;
  },
  ownedElementsOf: (type) => TRAINING_OWNED_ELEMENTS[type],
  erasedBy: HOUSEHOLD_ERASED_BY,
};
