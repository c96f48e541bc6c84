/// <reference lib="webworker" />
import { database } from '../db/db';
import { metricSettingsSchema } from '../model/settings';
import { readCacheState } from './cache-state';
import { PanelComputer } from './compute';
import { exportSnapshotText, importSnapshotText } from './snapshot-transfer';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

// The panel's computation worker: reads the analytics store itself (IndexedDB is open to workers of the extension's
// origin) so hundreds of thousands of rows never cross to the page, and runs the metrics engine off the UI thread.

const scope = self as unknown as DedicatedWorkerGlobalScope;
const db = database();
const computer = new PanelComputer(db);

function reply(message: WorkerReply): void {
  scope.postMessage(message);
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  switch (request.type) {
    case 'compute': {
      const started = performance.now();
      const { view, key } = await computer.compute(request.settings, request.filters);
      return { type: 'view', id: request.id, view, key, ms: performance.now() - started };
    }
    case 'warm':
      await computer.warm(request.settings);
      return { type: 'warmed', id: request.id };
    case 'exportSnapshot': {
      const state = await readCacheState(db);
      return {
        type: 'exported',
        id: request.id,
        text: await exportSnapshotText(db, request.settings, state, request.currency),
      };
    }
    case 'importSnapshot': {
      const result = await importSnapshotText(db, request.text);
      if (!result.ok) return { type: 'error', id: request.id, message: result.error };
      computer.reset();
      return {
        type: 'imported',
        id: request.id,
        settings: metricSettingsSchema.parse(result.file.settings),
        portal: result.file.portal,
        leads: result.file.snapshot.leads.length,
      };
    }
    case 'missingFields':
      return {
        type: 'missingFields',
        id: request.id,
        rows: await computer.missingFields(request.settings, request.filters),
      };
    case 'drilldown': {
      const started = performance.now();
      const list = await computer.drilldown(request.settings, request.filters, request.request);
      return { type: 'drilldown', id: request.id, list, ms: performance.now() - started };
    }
  }
}

scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  handle(request)
    .then(reply)
    .catch((error: unknown) =>
      reply({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) }),
    );
});
