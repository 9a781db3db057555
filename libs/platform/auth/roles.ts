export const ROLES = ['caseworker', 'supervisor', 'auditor', 'reporter', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Who is calling, from a verified token. `sub` is the actor written into every event. */
export interface Principal {
  sub: string;
  role: Role;
  name?: string;
}
