import type { Role } from '#libs/platform/auth/index.js';

/** Who reads the reports: counts only, no personal data (ADR 0010). */
export const REPORT_READERS = ['reporter', 'supervisor', 'auditor', 'admin'] as const satisfies Role[];
