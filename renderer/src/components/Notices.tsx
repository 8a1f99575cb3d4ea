import { memo, useState } from 'react';

/** One-time messages from main (e.g. a damaged database was set aside), until dismissed. */
export const Notices = memo(function Notices({ notices }: { notices: string[] }) {
  const [dismissed, setDismissed] = useState<string[]>([]);
  const open = notices.filter((notice) => !dismissed.includes(notice));
  if (open.length === 0) return null;
  return (
    <div className="notices" role="alert">
      {open.map((notice) => (
        <p key={notice} className="banner">
          <span>{notice}</span>
          <button type="button" onClick={() => setDismissed((list) => [...list, notice])} aria-label="Dismiss notice">
            ✕
          </button>
        </p>
      ))}
    </div>
  );
});
