// How large a file LeadLens reads, checked before anything is parsed: a hostile or mistaken file must not make the
// panel (or the report CLI) hold gigabytes of text. Where a `File` is at hand its `size` is checked before it is read;
// where only text is, its length is (UTF-16 units never outnumber UTF-8 bytes, so that check never refuses a file the
// byte check would accept).

const MB = 1024 * 1024;

/**
 * A snapshot file. bench/metrics.ts's synthetic portal of 100 000 contacts (20 000 deals, 300 000 touches) weighs
 * 74 MB as a file; 256 MB leaves room for a portal about three times that, and stays well under V8's longest string
 * (about 512 MB), which a file must fit in to be parsed at all.
 */
export const SNAPSHOT_FILE_MAX_BYTES = 256 * MB;

/** A CSV import (spend per source and month): 11 sources × 10 years is about 40 KB. */
export const CSV_IMPORT_MAX_BYTES = 2 * MB;

/** A settings file (team settings, `report --settings`): a few KB with ten years of spend. */
export const SETTINGS_FILE_MAX_BYTES = 1 * MB;

/** "256 MB", "1.5 MB", "900 KB": for messages. Rounded up, so a file just over a limit never reads as equal to it. */
export function formatFileSize(bytes: number): string {
  if (bytes >= MB) return `${Math.ceil((bytes / MB) * 10) / 10} MB`;
  return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

/** For the UI's translated message (`common.fileTooLarge`): the file's size and the limit, or null when within it. */
export function fileTooLarge(bytes: number, limit: number): { size: string; limit: string } | null {
  return bytes > limit ? { size: formatFileSize(bytes), limit: formatFileSize(limit) } : null;
}

/** The one-line reason a file is refused, or null when it is within `limit`. */
export function fileSizeProblem(bytes: number, limit: number): string | null {
  if (bytes <= limit) return null;
  return `the file is ${formatFileSize(bytes)}, larger than the ${formatFileSize(limit)} LeadLens reads`;
}

/** Like `fileSizeProblem`, for text already read (its length is a lower bound of its size in bytes). */
export function textSizeProblem(text: string, limit: number): string | null {
  return text.length > limit ? `the file is larger than the ${formatFileSize(limit)} LeadLens reads` : null;
}
