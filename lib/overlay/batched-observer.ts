// The page's one MutationObserver. Records are only collected in the callback; the work happens once per animation
// frame, so a burst of mutations (Gmail re-rendering 50 rows) costs one pass, not fifty.

export interface BatchScheduler {
  request(callback: () => void): unknown;
  cancel(handle: unknown): void;
}

const animationFrames: BatchScheduler = {
  request: (callback) => globalThis.requestAnimationFrame(callback),
  cancel: (handle) => globalThis.cancelAnimationFrame(handle as number),
};

/**
 * Calls `onBatch` with the elements added since the last batch (each once, those still in the document), once per
 * frame. Everything stops when `signal` aborts.
 */
export function observeAddedElements(
  root: Node,
  onBatch: (added: Element[]) => void,
  signal: AbortSignal,
  scheduler: BatchScheduler = animationFrames,
): void {
  if (signal.aborted) return;
  let added = new Set<Element>();
  let frame: unknown = null;

  const flush = () => {
    frame = null;
    const batch = [...added].filter((element) => element.isConnected);
    added = new Set();
    if (batch.length > 0) onBatch(batch);
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node.nodeType === 1) added.add(node as Element);
    }
    if (frame === null && added.size > 0) frame = scheduler.request(flush);
  });
  observer.observe(root, { childList: true, subtree: true });

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (frame !== null) scheduler.cancel(frame);
      frame = null;
      added.clear();
    },
    { once: true },
  );
}
