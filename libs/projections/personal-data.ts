/**
 * Every capability's personal fields, one list, for whichever process opens the stores: the
 * event store seals them under their household's key and opens them on every read (ADR 0010).
 */
import { STAFF_PERSONAL_FIELDS } from '#libs/access/index.js';
import { HOUSEHOLD_ERASED_BY, HOUSEHOLD_PERSONAL_FIELDS } from '#libs/households/index.js';
import { KUBE_PERSONAL_FIELDS } from '#libs/kube/index.js';
import { PKH_PERSONAL_FIELDS } from '#libs/pkh/index.js';
import type { PersonalDataDeclarations } from '#libs/platform/crypto-shredding/index.js';
import { TRAINING_PERSONAL_FIELDS } from '#libs/training/index.js';

const byType = new Map<string, readonly string[]>(
  [
    HOUSEHOLD_PERSONAL_FIELDS,
    PKH_PERSONAL_FIELDS,
    KUBE_PERSONAL_FIELDS,
    TRAINING_PERSONAL_FIELDS,
    STAFF_PERSONAL_FIELDS,
  ]
    .flatMap((declared) => Object.entries(declared))
    .filter(([, paths]) => paths.length > 0),
);

export const personalData: PersonalDataDeclarations = {
  fieldsOf: (type) => byType.get(type) ?? [],
  erasedBy: HOUSEHOLD_ERASED_BY,
};
