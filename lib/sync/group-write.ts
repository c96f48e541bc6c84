// Group commit for the full sync's page writes. Every page write shares the sequence row and the checkpoints, so the
// database runs them one at a time; a page that arrives while another is being written waits, and all the pages
// that waited are then written in one transaction. Under load the batches grow by themselves, idle they are one page,
// so a page is never held back for company. Pure: the commit is injected, so it is tested without a database.

interface Queued<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export class GroupWriter<Item, Result> {
  private queue: Queued<Item, Result>[] = [];
  private running: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly commit: (items: Item[]) => Promise<Result[]>,
    private readonly maxBatch: number,
  ) {
    if (!(maxBatch >= 1)) throw new Error(`maxBatch must be at least 1, not ${maxBatch}`);
  }

  /** Resolves when the item has been committed, in order with every item written before it. */
  write(item: Item): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure.error);
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /**
   * No more writes: those queued are refused with `error`, the batch being committed ends. A failed commit closes the
   * writer too, because a later page committed after an earlier one failed would move its checkpoint past data never
   * written.
   */
  async close(error: unknown): Promise<void> {
    this.fail(error);
    await this.running;
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    for (const queued of this.queue.splice(0)) queued.reject(this.failure.error);
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.failure) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const results = await this.commit(batch.map((queued) => queued.item));
          if (results.length !== batch.length) throw new Error(`${results.length} results for ${batch.length} writes`);
          batch.forEach((queued, index) => {
            queued.resolve(results[index] as Result);
          });
        } catch (error) {
          for (const queued of batch) queued.reject(error);
          this.fail(error);
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}
