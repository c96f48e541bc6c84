import type { WorkerReply, WorkerRequest } from './worker-protocol';

type Distributive<T> = T extends unknown ? Omit<T, 'id'> : never;
export type RequestBody = Distributive<WorkerRequest>;

/** Calls the computation worker like a function; each request gets its own reply (matched by id). */
export class PanelWorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(reply: WorkerReply): void; reject(error: Error): void }>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
      const waiting = this.pending.get(event.data.id);
      if (!waiting) return;
      this.pending.delete(event.data.id);
      if (event.data.type === 'error') waiting.reject(new Error(event.data.message));
      else waiting.resolve(event.data);
    });
    worker.addEventListener('error', (event) => {
      // A worker that failed to start (or crashed) fails every open request rather than leaving the panel waiting.
      const error = new Error(event.message || 'the computation worker stopped');
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    });
  }

  request<T extends WorkerReply['type']>(body: RequestBody): Promise<Extract<WorkerReply, { type: T }>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (reply) => resolve(reply as Extract<WorkerReply, { type: T }>), reject });
      this.worker.postMessage({ ...body, id } as WorkerRequest);
    });
  }

  terminate(): void {
    this.worker.terminate();
  }
}
