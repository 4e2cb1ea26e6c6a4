// Compares a zod schema with the JSON schema package.json declares for the same setting.
// Shared by the manifest test; walks zod 4's public definition objects (`_zod.def`).
import type { z } from 'zod';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  enumDescriptions?: string[];
  default?: unknown;
  description?: string;
  markdownDescription?: string;
  scope?: string;
}

interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string>;
}

export const defOf = (schema: z.ZodType): ZodDef => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** Drops `.default()` and `.optional()` wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (['default', 'optional', 'nullable'].includes(defOf(current).type)) current = defOf(current).innerType as z.ZodType;
  return current;
}

/** Every way `json` fails to describe `schema`, as `path: problem` lines (empty when it does). */
export function schemaGaps(schema: z.ZodType, json: JsonSchema | undefined, path: string): string[] {
  if (!json) return [`${path}: not declared`];
  const def = defOf(unwrap(schema));
  const types = [json.type ?? []].flat();
  const expectType = (...wanted: string[]) =>
    wanted.some((t) => types.includes(t)) ? [] : [`${path}: type ${JSON.stringify(json.type)}, expected ${wanted.join(' or ')}`];
  switch (def.type) {
    case 'object':
      return [...expectType('object'), ...Object.entries(def.shape ?? {}).flatMap(([key, inner]) =>
        schemaGaps(inner, json.properties?.[key], `${path}.${key}`))];
    case 'record': {
      const keys = Object.keys(defOf(unwrap(def.keyType as z.ZodType)).entries ?? {});
      return [...expectType('object'), ...keys.flatMap((key) =>
        schemaGaps(def.valueType as z.ZodType, json.properties?.[key], `${path}.${key}`))];
    }
    case 'array':
      return [...expectType('array'), ...schemaGaps(def.element as z.ZodType, json.items, `${path}[]`)];
    case 'enum': {
      const values = Object.values(def.entries ?? {}).sort();
      const declared = [...(json.enum ?? [])].map(String).sort();
      return JSON.stringify(values) === JSON.stringify(declared) ? [] : [`${path}: enum ${declared}, expected ${values}`];
    }
    case 'number':
      return expectType('number', 'integer');
    case 'string':
      return expectType('string');
    case 'boolean':
      return expectType('boolean');
    default:
      return [`${path}: zod type ${def.type} is not handled by this test`];
  }
}
