/** Who looked at whose personal data: the @PersonalData decorator, its interceptor and the log. */
export { ACCESS_LOG, AccessLog, type AccessLogOptions, type AccessLogStats } from './access-log.js';
export {
  AccessLogStore,
  accessEntryHash,
  type AccessEntry,
  type AccessQuery,
  type AccessRecord,
  type AccessLogVerification,
} from './access-log.store.js';
export { AccessLogInterceptor } from './access-log.interceptor.js';
export {
  PersonalData,
  PERSONAL_DATA,
  X_PURPOSE_HEADER,
  type HouseholdsOf,
  type PersonalDataOptions,
  type PersonalDataRequest,
} from './personal-data.decorator.js';
export { purposeOf, MAX_PURPOSE_LENGTH } from './purpose.js';
