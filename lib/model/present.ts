// Kept apart from fields.ts, which builds zod schemas when loaded: the content scripts reach this through the
// metrics they share with the panel, and start before the page parses.

/** A "present" text field is a non-empty string (METRICS.md, "The snapshot"). */
export function isPresent(text: string | undefined | null): text is string {
  return typeof text === 'string' && text.length > 0;
}
