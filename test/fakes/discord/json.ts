// Narrowing helpers for request bodies: what arrives over HTTP is `unknown`
// until checked, and the fake must not trust the client it is testing.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function optString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function optNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
