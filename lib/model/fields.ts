import { z } from 'zod';

// Building blocks shared by the in-memory model (times as ms since epoch) and the snapshot file (times as ISO
// strings). Both produce the same output types, so a schema factory takes the instant schema as its parameter.

/** An instant in memory: ms since epoch. */
export const epochMs = z.number().finite();

/** An instant in the file: ISO 8601 with `Z` or an offset, converted to ms since epoch. */
export const isoInstant = z.iso
  .datetime({ offset: true, error: 'expected ISO date' })
  .transform((text) => Date.parse(text));

/** Whatever turns a field of the source into ms since epoch. */
export type InstantSchema = z.ZodType<number, unknown>;

/**
 * An optional field that also accepts `null`: exports of other tools write `null` for "no value", and the model
 * has a single way to say it (absent).
 */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.optional());
}
