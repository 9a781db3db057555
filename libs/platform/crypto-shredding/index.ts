export {
  ERASED,
  erasedIdentity,
  erasedValue,
  keyOwnerOf,
  mapPaths,
  sealedPaths,
  type PersonalFields,
} from './personal-fields.js';
export { Keyring } from './keyring.js';
export { seal, open, isEnvelope, type Envelope } from './envelope.js';
export { PostgresKeyStore, SqliteKeyStore, PERSONAL_DATA_KEYS_TABLE, type KeyStore } from './key-store.js';
export {
  encryptPersonalData,
  storedFormOf,
  type OwnedElements,
  type PersonalDataDeclarations,
} from './personal-data-event-store.js';

export const KEYRING = Symbol('KEYRING');
