export * from './fields.ts';
export * from './import-limits.ts';
export * from './record-keys.ts';
export * from './settings.ts';
export * from './snapshot.ts';
export * from './snapshot-file.ts';
