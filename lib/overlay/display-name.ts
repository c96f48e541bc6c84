// A person's display name as a look-up key. Outlook's collapsed cards show a sender by name only ("Victor Lin",
// capture 2023); such a sender is matched to a cached lead by name, compared without case or accents ("José" is
// "jose") and with its spaces collapsed. Lower-casing is the locale-free one: the same key in every browser language
// (a Turkish locale's dotted İ must not make one name two keys).

const MARKS = /\p{M}+/gu;

export function displayNameKey(name: string): string {
  return name.normalize('NFD').replace(MARKS, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A display name worth looking up: not empty, no address (that would be read as an address), and not a whole line. */
export function isDisplayName(text: string): boolean {
  const key = displayNameKey(text);
  return key.length > 1 && key.length <= 200 && !key.includes('@');
}
