// Settings with some invalid values, kept as far as they are valid. At start the router has
// no last good configuration to fall back on: rejecting the whole object for one typo (a
// misspelt strategy, a negative budget) would leave it with no providers at all, and the
// editor would ask a user with working providers to add one. Instead each invalid value is
// dropped (its default applies) and named, and everything else is used.
import type { z } from 'zod';
import { defaultSettings, parseSettings, settingsSchema, type Settings } from './settings';

export interface SalvagedSettings {
  settings: Settings;
  /** Every invalid setting, named as parseSettings names it; empty when all were valid. */
  errors: string[];
}

// Each round drops at least one value, so this only bounds pathological inputs.
const MAX_ROUNDS = 100;

type Path = readonly PropertyKey[];

export function salvageSettings(raw: unknown): SalvagedSettings {
  const first = parseSettings(raw);
  if (first.ok) return { settings: first.settings, errors: [] };
  let draft: unknown = structuredClone(raw);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = settingsSchema.safeParse(draft ?? {});
    if (result.success) {
      const duplicate = laterDuplicateProvider(result.data.providers.map((p) => p.id));
      if (duplicate === undefined) return { settings: result.data, errors: first.errors };
      if (!removeAt(draft, ['providers', duplicate])) break;
      continue;
    }
    if (!dropIssue(draft, result.error.issues[0])) break;
  }
  return { settings: defaultSettings, errors: first.errors };
}

/** Removes what the issue is about; false when there is nothing left to remove (the root itself is wrong). */
function dropIssue(draft: unknown, issue: z.core.$ZodIssue | undefined): boolean {
  if (!issue) return false;
  if (issue.code === 'unrecognized_keys') {
    const holder = valueAt(draft, issue.path);
    if (isObject(holder)) for (const key of issue.keys) delete holder[key];
    return isObject(holder) && issue.keys.length > 0;
  }
  // A required value that is missing: the object that lacks it goes instead.
  for (let length = issue.path.length; length > 0; length--) {
    const path = issue.path.slice(0, length);
    if (valueAt(draft, path) !== undefined) return removeAt(draft, path);
  }
  return false;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function removeAt(root: unknown, path: Path): boolean {
  if (path.length === 0) return false;
  const parent = valueAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (Array.isArray(parent) && typeof key === 'number') {
    parent.splice(key, 1);
    return true;
  }
  if (isObject(parent)) return delete parent[key as string];
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The index of the second provider that reuses an earlier id, if any. */
function laterDuplicateProvider(ids: string[]): number | undefined {
  const seen = new Set<string>();
  for (const [index, id] of ids.entries()) {
    if (seen.has(id)) return index;
    seen.add(id);
  }
  return undefined;
}
