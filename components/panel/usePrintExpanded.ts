import { useEffect } from 'react';

/**
 * Opens every closed `<details>` under `root` (formulas, the trends table, the list of leads missing fields) and
 * returns what closes again the ones it opened, leaving those the reader had opened as they were.
 */
export function expandForPrint(root: ParentNode): () => void {
  const opened: HTMLDetailsElement[] = [];
  for (const details of root.querySelectorAll<HTMLDetailsElement>('details:not([open])')) {
    details.open = true;
    opened.push(details);
  }
  return () => {
    for (const details of opened.splice(0)) details.open = false;
  };
}

/**
 * A printed report carries everything the screen folds away: CSS cannot open a `<details>` (its closed content is
 * not rendered at all), so they are opened on `beforeprint` and restored on `afterprint`.
 */
export function usePrintExpanded(): void {
  useEffect(() => {
    let restore: (() => void) | undefined;
    const before = () => {
      restore?.();
      restore = expandForPrint(document);
    };
    const after = () => {
      restore?.();
      restore = undefined;
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      after();
    };
  }, []);
}
