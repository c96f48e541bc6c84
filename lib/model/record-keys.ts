import { z } from 'zod';

// Keys that change an object instead of adding an entry to it. A dictionary read from outside (a settings file, a
// snapshot, a managed policy, a CSV line) keyed by one of them would, once copied with `obj[key] = value`, replace the
// prototype or shadow `constructor`; zod itself drops `__proto__` from a record without a word. So every record
// read from outside refuses them, with a message naming the key, instead of dropping or keeping them.

export const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const reserved: ReadonlySet<string> = new Set(RESERVED_KEYS);

export function isReservedKey(key: string): boolean {
  return reserved.has(key);
}

export function reservedKeyMessage(key: string): string {
  return `the key ${JSON.stringify(key)} is not allowed (${RESERVED_KEYS.join(', ')} are refused as keys)`;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `schema` (a record, a record of records, with or without a default) behind a check that refuses a reserved key at
 * any depth of the input, naming the first one. The check runs on the input, before the record copies its entries,
 * because by then `__proto__` is already gone (zod skips it) or has already been assigned. One check at the top, not
 * one per level, keeps the `default` in the generated JSON Schema (zod omits it over a nested transform).
 */
export function refuseReservedKeys<T extends z.ZodType>(schema: T) {
  return z.preprocess((input, ctx) => {
    const path = findReservedKey(input);
    const key = path?.[path.length - 1];
    if (path && key !== undefined)
      ctx.addIssue({ code: 'custom', path, input: key, message: reservedKeyMessage(String(key)) });
    return input;
  }, schema);
}

/** A text key that is not a reserved one; the JSON Schemas of docs/schemas say so too (`not: {enum}`). */
export const recordKeySchema = z.string().meta({ not: { enum: [...RESERVED_KEYS] } });

/** A `z.record` keyed by text that refuses the reserved keys. */
export function safeRecord<V extends z.ZodType>(value: V) {
  return refuseReservedKeys(z.record(recordKeySchema, value));
}

/**
 * The path of the first reserved key anywhere in a parsed JSON document (objects and arrays, depth first), or null.
 * For whole files (a snapshot, a settings file): a reserved key in an object whose schema would strip it is refused
 * too, so a hostile file is named as such rather than half-read. A 100 000-contact snapshot has about a million
 * objects, so each visited object records only its parent and key, and a path is built only for the key found.
 */
export function findReservedKey(document: unknown): (string | number)[] | null {
  const parents: number[] = [];
  const keys: (string | number)[] = [];
  const pathTo = (node: number, key: string): (string | number)[] => {
    const path: (string | number)[] = [key];
    for (let at = node; at > 0; at = parents[at] ?? 0) path.unshift(keys[at] ?? '');
    return path;
  };
  // Node 0 is the document; a stack entry is a node number, its value kept beside it.
  const stack: Array<{ node: number; value: unknown }> = [{ node: 0, value: document }];
  parents.push(0);
  keys.push('');
  const visit = (parent: number, key: string | number, value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    parents.push(parent);
    keys.push(key);
    stack.push({ node: parents.length - 1, value });
  };
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { node, value } = next;
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) visit(node, index, value[index]);
    } else if (isPlainRecord(value)) {
      const names = Object.keys(value);
      for (const name of names) if (isReservedKey(name)) return pathTo(node, name);
      for (let index = names.length - 1; index >= 0; index--) {
        const name = names[index] as string;
        visit(node, name, value[name]);
      }
    }
  }
  return null;
}
