import { HOUSEHOLD_ERASED_BY } from '#libs/households/index.js';
import { sealedPaths, type PersonalDataDeclarations } from '#libs/platform/crypto-shredding/index.js';
import { privacyPaths } from './personal-data-policy.js';

const sealed = new Map<string, readonly string[]>();

/**
 * What the event store seals under a household's key, from the same declarations as every
 * PII-free path (ADR 0010), and the events after which that key is erased.
 */
export const PERSONAL_DATA_AT_REST: PersonalDataDeclarations = {
  fieldsOf(type) {
    let paths = sealed.get(type);
    if (!paths) sealed.set(type, (paths = sealedPaths(privacyPaths(type))));
    return paths;
  },
  erasedBy: HOUSEHOLD_ERASED_BY,
};
