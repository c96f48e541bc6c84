import { type Deal, type Feedback, isReservedKey, type Lead, type Touch } from '../model';

// Columnar encoding of the model's rows. IndexedDB clones a typed array or one long string in one go, while a plain
// row costs an object and a property per field on every read: 300 000 rows took ~3.7 s to read here, the same data
// as 30 chunks of columns ~60 ms (measured on the project's 2-core machine before the first release).

type FieldKind =
  | 'number'
  | 'optionalNumber'
  | 'boolean'
  | 'string'
  | 'optionalString'
  | 'stringList'
  | 'optionalNumberMap';

/** A string column: every value concatenated, with the end offset of each; `absent` marks optional gaps. */
export interface TextColumn {
  text: string;
  ends: Uint32Array;
  absent?: Uint8Array;
}

/** A list-of-strings column: the flattened values and, per row, where its list ends in them. */
export interface ListColumn {
  values: TextColumn;
  ends: Uint32Array;
}

/**
 * An optional dictionary of numbers per row (a deal's `stageDates`, keyed by stage id): the keys and values of every
 * row flattened, where each row's entries end in them, and `absent` for rows without one (not the same as empty).
 */
export interface NumberMapColumn {
  keys: TextColumn;
  values: Float64Array;
  ends: Uint32Array;
  absent: Uint8Array;
}

export type Column = Float64Array | Uint8Array | TextColumn | ListColumn | NumberMapColumn;

export type AnalyticsTable = 'leads' | 'deals' | 'touches' | 'feedback';

export interface AnalyticsChunk {
  table: AnalyticsTable;
  /** Order of writing: a later chunk's version of a row supersedes an earlier one. */
  seq: number;
  count: number;
  ids: TextColumn;
  columns: Record<string, Column>;
  /** Ids removed from the cache when this chunk was written (archived or deleted in the CRM). */
  deleted?: string[];
}

type Spec = readonly (readonly [path: string, kind: FieldKind])[];

const STAGE_KEYS = ['lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer'] as const;

export const SPECS: Record<AnalyticsTable, Spec> = {
  leads: [
    ['email', 'string'],
    ['name', 'string'],
    ['ownerId', 'optionalString'],
    // Chunks written before version 6 of the cache have no such column: their leads read without it.
    ['ownerAssignedAt', 'optionalNumber'],
    ['createdAt', 'number'],
    ['lifecycleStage', 'string'],
    ['leadStatus', 'optionalString'],
    ...STAGE_KEYS.map((stage) => [`stageDates.${stage}`, 'optionalNumber'] as const),
    ['source', 'string'],
    ['sourceDetail', 'optionalString'],
    ['sourceTag', 'optionalString'],
    ['campaign', 'optionalString'],
    ['score', 'optionalNumber'],
    ['updatedAt', 'number'],
    ['archived', 'boolean'],
  ],
  deals: [
    ['amount', 'number'],
    ['pipelineId', 'string'],
    ['stageId', 'string'],
    // Chunks written before version 6 of the cache have no such column: their deals read without stage dates.
    ['stageDates', 'optionalNumberMap'],
    ['createdAt', 'number'],
    ['closeDate', 'optionalNumber'],
    ['isClosed', 'boolean'],
    ['isWon', 'boolean'],
    ['ownerId', 'optionalString'],
    ['leadIds', 'stringList'],
  ],
  touches: [
    ['kind', 'string'],
    ['direction', 'string'],
    ['at', 'number'],
    ['ownerId', 'optionalString'],
    ['leadIds', 'stringList'],
    ['automated', 'boolean'],
  ],
  feedback: [
    ['leadId', 'optionalString'],
    ['at', 'number'],
    ['kind', 'string'],
    ['score', 'number'],
  ],
};

/**
 * Columns a table's chunks carry beyond the model's row, for the background's lead look-up only: every address of a
 * cached lead (the row tables' multi-entry `emails`). `decodeChunk` leaves them out, so snapshots, exports and the
 * panel see the model's rows as before; `decodeRow` reads them.
 */
export const LOOKUP_SPECS: Record<AnalyticsTable, Spec> = {
  leads: [['emails', 'stringList']],
  deals: [],
  touches: [],
  feedback: [],
};

export interface RowOf {
  leads: Lead;
  deals: Deal;
  touches: Touch;
  feedback: Feedback;
}

function read(row: object, path: string): unknown {
  let value: unknown = row;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

function write(row: Record<string, unknown>, path: string, value: unknown): void {
  if (value === undefined) return;
  const keys = path.split('.');
  let target = row;
  for (const key of keys.slice(0, -1)) {
    target[key] ??= {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys[keys.length - 1] as string] = value;
}

export function encodeText(values: readonly (string | undefined)[], optional: boolean): TextColumn {
  const ends = new Uint32Array(values.length);
  const absent = optional ? new Uint8Array(values.length) : undefined;
  let text = '';
  values.forEach((value, index) => {
    if (value === undefined && absent) absent[index] = 1;
    text += value ?? '';
    ends[index] = text.length;
  });
  return absent ? { text, ends, absent } : { text, ends };
}

export function decodeText(column: TextColumn): (string | undefined)[] {
  const out: (string | undefined)[] = new Array(column.ends.length);
  let start = 0;
  for (let index = 0; index < column.ends.length; index += 1) {
    const end = column.ends[index] ?? start;
    out[index] = column.absent?.[index] ? undefined : column.text.slice(start, end);
    start = end;
  }
  return out;
}

function encodeColumn(kind: FieldKind, values: unknown[]): Column {
  switch (kind) {
    case 'number':
    case 'optionalNumber':
      return Float64Array.from(values, (value) => (typeof value === 'number' ? value : Number.NaN));
    case 'boolean':
      return Uint8Array.from(values, (value) => (value ? 1 : 0));
    case 'string':
      return encodeText(
        values.map((value) => (typeof value === 'string' ? value : '')),
        false,
      );
    case 'optionalString':
      return encodeText(
        values.map((value) => (typeof value === 'string' ? value : undefined)),
        true,
      );
    case 'stringList': {
      const flat: string[] = [];
      const ends = new Uint32Array(values.length);
      values.forEach((value, index) => {
        if (Array.isArray(value)) flat.push(...value.map(String));
        ends[index] = flat.length;
      });
      return { values: encodeText(flat, false), ends };
    }
    case 'optionalNumberMap': {
      const keys: string[] = [];
      const numbers: number[] = [];
      const ends = new Uint32Array(values.length);
      const absent = new Uint8Array(values.length);
      values.forEach((value, index) => {
        if (typeof value !== 'object' || value === null) absent[index] = 1;
        else
          for (const [key, entry] of Object.entries(value)) {
            if (typeof entry !== 'number') continue;
            keys.push(key);
            numbers.push(entry);
          }
        ends[index] = keys.length;
      });
      return { keys: encodeText(keys, false), values: Float64Array.from(numbers), ends, absent };
    }
  }
}

/** One row's dictionary of a number-map column, from entry `start` to `end`; reserved keys are never made keys. */
function mapEntries(column: NumberMapColumn, keyAt: (at: number) => string | undefined, start: number, end: number) {
  const out: Record<string, number> = {};
  for (let at = start; at < end; at += 1) {
    const key = keyAt(at) ?? '';
    if (!isReservedKey(key)) out[key] = column.values[at] ?? Number.NaN;
  }
  return out;
}

function decodeColumn(kind: FieldKind, column: Column, count: number): unknown[] {
  switch (kind) {
    case 'number':
      return Array.from(column as Float64Array);
    case 'optionalNumber':
      return Array.from(column as Float64Array, (value) => (Number.isNaN(value) ? undefined : value));
    case 'boolean':
      return Array.from(column as Uint8Array, (value) => value === 1);
    case 'string':
    case 'optionalString':
      return decodeText(column as TextColumn);
    case 'stringList': {
      const list = column as ListColumn;
      const flat = decodeText(list.values);
      const out: string[][] = new Array(count);
      let start = 0;
      for (let index = 0; index < count; index += 1) {
        const end = list.ends[index] ?? start;
        out[index] = flat.slice(start, end) as string[];
        start = end;
      }
      return out;
    }
    case 'optionalNumberMap': {
      const map = column as NumberMapColumn;
      const keys = decodeText(map.keys);
      const out: (Record<string, number> | undefined)[] = new Array(count);
      let start = 0;
      for (let index = 0; index < count; index += 1) {
        const end = map.ends[index] ?? start;
        out[index] = map.absent[index] ? undefined : mapEntries(map, (at) => keys[at], start, end);
        start = end;
      }
      return out;
    }
  }
}

export function encodeChunk<T extends AnalyticsTable>(
  table: T,
  seq: number,
  rows: readonly RowOf[T][],
  deleted?: string[],
): AnalyticsChunk {
  const columns: Record<string, Column> = {};
  for (const [path, kind] of SPECS[table]) {
    columns[path] = encodeColumn(
      kind,
      rows.map((row) => read(row, path)),
    );
  }
  // Only rows that have them (the cache's own) carry look-up columns: an imported snapshot's leads have no addresses.
  for (const [path, kind] of LOOKUP_SPECS[table]) {
    const values = rows.map((row) => read(row, path));
    if (values.some((value) => value !== undefined)) columns[path] = encodeColumn(kind, values);
  }
  return {
    table,
    seq,
    count: rows.length,
    ids: encodeText(
      rows.map((row) => row.id),
      false,
    ),
    columns,
    ...(deleted && deleted.length > 0 ? { deleted } : {}),
  };
}

/** `withLookup`: the look-up columns too (`LOOKUP_SPECS`), for a rewrite of chunks that must keep them (compaction). */
export function decodeChunk<T extends AnalyticsTable>(chunk: AnalyticsChunk, withLookup = false): RowOf[T][] {
  const ids = decodeText(chunk.ids);
  const rows: Record<string, unknown>[] = ids.map((id) => ({ id }));
  for (const [path, kind] of withLookup ? [...SPECS[chunk.table], ...LOOKUP_SPECS[chunk.table]] : SPECS[chunk.table]) {
    const column = chunk.columns[path];
    if (!column) continue;
    const values = decodeColumn(kind, column, chunk.count);
    for (let index = 0; index < rows.length; index += 1) {
      write(rows[index] as Record<string, unknown>, path, values[index]);
    }
  }
  if (chunk.table === 'leads') for (const row of rows) row.stageDates ??= {};
  return rows as unknown as RowOf[T][];
}

/** The text of one row of a text column, without decoding the rest. */
export function textAt(column: TextColumn, index: number): string | undefined {
  if (column.absent?.[index]) return undefined;
  return column.text.slice(index === 0 ? 0 : (column.ends[index - 1] ?? 0), column.ends[index] ?? 0);
}

/** The list of one row of a list column. */
export function listAt(column: ListColumn, index: number): string[] {
  const out: string[] = [];
  const end = column.ends[index] ?? 0;
  for (let at = index === 0 ? 0 : (column.ends[index - 1] ?? 0); at < end; at += 1)
    out.push(textAt(column.values, at) ?? '');
  return out;
}

function valueAt(kind: FieldKind, column: Column, index: number): unknown {
  switch (kind) {
    case 'number':
      return (column as Float64Array)[index];
    case 'optionalNumber': {
      const value = (column as Float64Array)[index];
      return value === undefined || Number.isNaN(value) ? undefined : value;
    }
    case 'boolean':
      return (column as Uint8Array)[index] === 1;
    case 'string':
    case 'optionalString':
      return textAt(column as TextColumn, index);
    case 'stringList':
      return listAt(column as ListColumn, index);
    case 'optionalNumberMap': {
      const map = column as NumberMapColumn;
      if (map.absent[index]) return undefined;
      const start = index === 0 ? 0 : (map.ends[index - 1] ?? 0);
      const end = map.ends[index] ?? start;
      return mapEntries(map, (at) => textAt(map.keys, at), start, end);
    }
  }
}

/**
 * One row of a chunk, as `decodeChunk` gives it, plus the chunk's look-up columns (`LOOKUP_SPECS`) where it has them:
 * what a look-up of a few rows among hundreds of thousands reads instead of decoding whole chunks.
 */
export function decodeRow<T extends AnalyticsTable>(
  chunk: AnalyticsChunk,
  index: number,
): RowOf[T] & Record<string, unknown> {
  const row: Record<string, unknown> = { id: textAt(chunk.ids, index) ?? '' };
  for (const [path, kind] of [...SPECS[chunk.table], ...LOOKUP_SPECS[chunk.table]]) {
    const column = chunk.columns[path];
    if (column) write(row, path, valueAt(kind, column, index));
  }
  if (chunk.table === 'leads') row.stageDates ??= {};
  return row as RowOf[T] & Record<string, unknown>;
}
