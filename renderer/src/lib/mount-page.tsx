import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

/** Renders a page's root component into its #root element (the overlay's and the Library's pages). */
export function mountPage(pageName: string, page: ReactNode): void {
  const container = document.getElementById('root');
  if (!container) throw new Error(`The ${pageName} page has no #root element.`);
  createRoot(container).render(<StrictMode>{page}</StrictMode>);
}
