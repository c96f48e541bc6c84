import type { ReactNode } from 'react';

/** A state the panel cannot show figures in, saying what to do about it. */
export function EmptyState({ kind, message, children }: { kind: string; message: string; children?: ReactNode }) {
  return (
    <div className="ll-empty" data-testid="empty-state" data-kind={kind} role="status">
      <p>{message}</p>
      {children}
    </div>
  );
}
