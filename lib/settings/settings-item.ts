import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';

// Every setting LeadLens keeps in `storage.local` is one of these: a WXT storage item under the key earlier releases
// wrote (so installs keep their values), the schema a stored value must pass, and the version of its stored shape.
// Values are read as `unknown` and checked on every read, never trusted as typed: in Firefox a content script can write
// `storage.local` (docs/SECURITY.md), and an older release, or "forget" writing the language back by hand, may leave
// a shape the version beside it does not describe.

/** A stored setting as read: the value, or the fallback and why the stored one was refused. */
export interface Checked<T> {
  value: T;
  problem?: string;
}

export interface SettingsItemOptions<S extends z.core.$ZodType> {
  /** What a stored value must be; `write` refuses anything else, and a read anything else falls back. */
  schema: S;
  /** What nothing stored, or something refused, reads as. */
  fallback: z.core.output<S>;
  /**
   * The version of the stored shape. WXT keeps it under `key$` and, when an install's stored version is older, runs
   * `migrations` from it up to this one before the first read or write. Values stored before an item had a `key$`
   * count as version 1.
   */
  version: number;
  /** `migrations[n]` turns what version n − 1 stored into version n's shape. */
  migrations?: Record<number, (stored: unknown) => unknown>;
  /**
   * Shapes written before the stored version was recorded at all. WXT counts them as version 1 and cannot tell them
   * from it, so they are upgraded on every read rather than once.
   */
  upgradeUnversioned?: (stored: unknown) => unknown;
}

export interface SettingsItem<T> {
  /** The `storage.local` key. */
  readonly key: string;
  readonly version: number;
  /** What a stored value means as this setting. Pure, for tests and for values a change event carries. */
  parse(stored: unknown): Checked<T>;
  read(): Promise<Checked<T>>;
  /** Checks `value` against the schema (throws if it fails), then stores it as given: defaults are not written in. */
  write(value: T): Promise<void>;
  remove(): Promise<void>;
  /** Calls `onChange` with each new value another context (or this one) writes; returns the function that stops. */
  watch(onChange: (checked: Checked<T>) => void): () => void;
  /** The stored value as it is (after any migration), for a setting validated only once merged with another layer. */
  readStored(): Promise<unknown>;
  watchStored(onChange: (stored: unknown) => void): () => void;
  /** Runs the migrations now (WXT also starts them when the item is defined); for tests. */
  migrate(): Promise<void>;
}

export function defineSettingsItem<S extends z.core.$ZodType>(
  key: string,
  options: SettingsItemOptions<S>,
): SettingsItem<z.core.output<S>> {
  const { schema, fallback, version, migrations, upgradeUnversioned } = options;
  const item = storage.defineItem<unknown>(`local:${key}`, { version, ...(migrations ? { migrations } : {}) });
  const parse = (stored: unknown): Checked<z.core.output<S>> => {
    if (stored === undefined || stored === null) return { value: fallback };
    const parsed = z.safeParse(schema, upgradeUnversioned ? upgradeUnversioned(stored) : stored);
    if (parsed.success) return { value: parsed.data };
    return { value: fallback, problem: z.prettifyError(parsed.error) };
  };
  return {
    key,
    version,
    parse,
    read: async () => parse(await item.getValue()),
    write: async (value) => {
      z.parse(schema, value);
      await item.setValue(value);
    },
    remove: () => item.removeValue(),
    watch: (onChange) => item.watch((stored) => onChange(parse(stored))),
    readStored: () => item.getValue(),
    watchStored: (onChange) => item.watch(onChange),
    migrate: () => item.migrate(),
  };
}
