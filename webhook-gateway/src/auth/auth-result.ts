import type { JsonObject } from '@budflow/runtime';

/** Why a call was refused; counted by reason, never told to the caller. */
export type AuthFailureReason = 'missing' | 'invalid' | 'expired' | 'replayed' | 'forbiddenAddress';

export type AuthResult = { ok: true; jwtPayload?: JsonObject } | { ok: false; reason: AuthFailureReason };

export const authOk: AuthResult = { ok: true };
export const authFailed = (reason: AuthFailureReason): AuthResult => ({ ok: false, reason });
