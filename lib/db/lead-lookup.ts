import type { LeadRecord } from '../crm/adapter';
import type { Deal, Touch } from '../model';
import type { LeadLensDb } from './db';

// What a lead look-up reads from the row tables: the leads by address or id with their touches (raw IndexedDB, on the
// hot path of every overlay), and the small tables every look-up shares (names and labels, open deals).

export interface LeadRows {
  leads: LeadRecord[];
  touches: Touch[];
}

/**
 * Live leads by any of their addresses (lower-cased) or ids, and their touches: one transaction, one `getAll` per key
 * on the multi-entry indexes, all requests of a step issued at once. Through Dexie the same reads took ~25 ms for 50
 * addresses (a promise and a zone per request, and `anyOf` walking a cursor); here they take a few.
 */
export function readLeadRows(idb: IDBDatabase, emails: readonly string[], ids: readonly string[]): Promise<LeadRows> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['leads', 'touches'], 'readonly');
    const rows: LeadRows = { leads: [], touches: [] };
    tx.oncomplete = () => resolve(rows);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
    const leadStore = tx.objectStore('leads');
    let pending = emails.length + ids.length;
    const found = new Map<string, LeadRecord>();
    // Step two is issued from the last step-one callback, while the transaction is still active.
    const stepTwo = () => {
      for (const lead of found.values()) if (!lead.archived) rows.leads.push(lead);
      const touches = tx.objectStore('touches').index('leadIds');
      const seenTouches = new Set<string>();
      for (const lead of rows.leads) {
        touches.getAll(lead.id).onsuccess = (event) => {
          for (const touch of (event.target as IDBRequest<Touch[]>).result)
            if (!seenTouches.has(touch.id)) {
              seenTouches.add(touch.id);
              rows.touches.push(touch);
            }
        };
      }
    };
    const done = () => {
      pending -= 1;
      if (pending === 0) stepTwo();
    };
    if (pending === 0) return;
    for (const email of emails) {
      leadStore.index('emails').getAll(email).onsuccess = (event) => {
        for (const lead of (event.target as IDBRequest<LeadRecord[]>).result) found.set(lead.id, lead);
        done();
      };
    }
    for (const id of ids) {
      leadStore.get(id).onsuccess = (event) => {
        const lead = (event.target as IDBRequest<LeadRecord | undefined>).result;
        if (lead) found.set(lead.id, lead);
        done();
      };
    }
  });
}

/** Owner names, stage and status labels: small tables every look-up shares. */
export interface LookupLabels {
  ownerName: Map<string, string>;
  stageLabel: Map<string, string>;
  statusLabel: Map<string, string>;
}

export function readLookupLabels(db: LeadLensDb): Promise<LookupLabels> {
  return db.transaction('r', [db.owners, db.lifecycleStages, db.leadStatuses], async () => {
    const [owners, stages, statuses] = await Promise.all([
      db.owners.toArray(),
      db.lifecycleStages.toArray(),
      db.leadStatuses.toArray(),
    ]);
    return {
      ownerName: new Map(owners.map((owner) => [owner.id, owner.name])),
      stageLabel: new Map(stages.map((stage) => [stage.value, stage.label])),
      statusLabel: new Map(statuses.map((status) => [status.value, status.label])),
    };
  });
}

/** Open deals, for look-ups through the row tables (one read instead of a deal query per lead). */
export function readOpenDeals(db: LeadLensDb): Promise<Deal[]> {
  return db.deals.filter((deal) => !deal.isClosed).toArray();
}
