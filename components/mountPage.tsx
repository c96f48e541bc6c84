import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import './page.css';

/** Every extension page starts the same way; the page itself is a component. */
export function mountPage(page: ReactNode): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('LeadLens page is missing its #root element');
  createRoot(root).render(<StrictMode>{page}</StrictMode>);
}
