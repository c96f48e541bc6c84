// Counts of what an overlay holds on a page (observers, listeners, ticker subscriptions, badges). Every resource is
// counted when taken and uncounted when its AbortSignal fires, so a leak shows up as a count that grows across
// navigations; the counts are published on the overlay's host element for the end-to-end leak test.

export type ResourceKind = 'observers' | 'listeners' | 'ticks' | 'badges';

export class ResourceCounts {
  private counts: Record<ResourceKind, number> = { observers: 0, listeners: 0, ticks: 0, badges: 0 };
  private onChange: ((counts: Readonly<Record<ResourceKind, number>>) => void) | null = null;

  take(kind: ResourceKind, signal: AbortSignal): void {
    if (signal.aborted) return;
    this.counts[kind] += 1;
    signal.addEventListener('abort', () => this.release(kind), { once: true });
    this.publish();
  }

  add(kind: ResourceKind, delta: number): void {
    this.counts[kind] += delta;
    this.publish();
  }

  private release(kind: ResourceKind): void {
    this.counts[kind] -= 1;
    this.publish();
  }

  snapshot(): Readonly<Record<ResourceKind, number>> {
    return { ...this.counts };
  }

  subscribe(listener: (counts: Readonly<Record<ResourceKind, number>>) => void): void {
    this.onChange = listener;
    listener(this.snapshot());
  }

  private publish(): void {
    this.onChange?.(this.snapshot());
  }
}
