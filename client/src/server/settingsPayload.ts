// VS Code reports an unset optional setting (declared with `"default": null`) as null,
// while the server's schema treats a missing field as "not set" and rejects null.
// So the client drops nulls before it sends the settings object.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    const result: { [key: string]: Json } = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== null && inner !== undefined) result[key] = withoutNulls(inner) as Json;
    }
    return result;
  }
  return value;
}
