import { useMemo } from 'react';
import type { MouseEvent } from 'react';
import { linkTarget, renderMarkdown, sanitizeHtml } from '../lib/markdown';

interface Props {
  /** Markdown source (articles, template bodies) or already-rendered HTML (reply previews). */
  markdown?: string;
  html?: string;
  onOpenLink: (url: string) => void;
  className?: string;
  id?: string;
  tabIndex?: number;
  label?: string;
}

/**
 * Knowledge content, always sanitised. Links never navigate the overlay: a click (or Enter on a
 * focused link, which the browser turns into a click) asks main to open it in the real browser.
 */
export function RichContent({ markdown, html, onOpenLink, className, id, tabIndex, label }: Props) {
  const safe = useMemo(
    () => (html !== undefined ? sanitizeHtml(html) : renderMarkdown(markdown ?? '')),
    [markdown, html],
  );
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (!(event.target instanceof Element) || !event.target.closest('a')) return;
    event.preventDefault();
    const url = linkTarget(event.target);
    if (url) onOpenLink(url);
  };
  return (
    <div
      id={id}
      className={`rich ${className ?? ''}`}
      tabIndex={tabIndex}
      aria-label={label}
      role={label ? 'region' : undefined}
      onClick={onClick}
      // Sanitised above by DOMPurify (https:/mailto: links only, no raw HTML from Markdown).
      dangerouslySetInnerHTML={{ __html: safe }}
    />
  );
}
