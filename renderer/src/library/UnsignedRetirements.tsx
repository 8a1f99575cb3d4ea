import { useCallback, useEffect, useState } from 'react';
import type { UnsignedRetirements as Listed } from '../../../common/signing/retirement-protocol';
import { ask, libraryApi, type ShowMessage } from './library-api';

/**
 * Retirements made without a signature (issue #15 leftovers): before signed retirement existed, or
 * by a lead without a key. Agents pinning the org root key keep those entries until a lead signs
 * each retirement; "Sign these retirements" does it with this app's approver key.
 */
export function UnsignedRetirements({ onMessage }: { onMessage: ShowMessage }) {
  const [listed, setListed] = useState<Listed | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    () => ask(() => libraryApi().unsignedRetirements(null)).then((answer) => (answer.ok ? setListed(answer.value) : onMessage(answer.error.message, 'error'))),
    [onMessage],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const sign = async (items: Listed['items']) => {
    setBusy(true);
    const answer = await ask(() => libraryApi().signRetirements({ items: items.map(({ id, locale, version }) => ({ id, locale, version })) }));
    setBusy(false);
    if (!answer.ok) return onMessage(answer.error.message, 'error');
    setListed(answer.value.remaining);
    const failed = answer.value.outcomes.flatMap((o) => (o.ok ? [] : [`${o.id} (${o.locale}): ${o.message}`]));
    const done = answer.value.outcomes.length - failed.length;
    const head = `Signed ${done} retirement(s): agents that kept these entries drop them.`;
    onMessage(failed.length === 0 ? head : `${head} Not signed: ${failed.join('; ')}`, failed.length === 0 ? 'info' : 'error');
  };

  const items = listed?.items ?? [];
  return (
    <section className="unsigned-retirements" aria-label="Unsigned retirements">
      <h2 className="section-heading">
        Unsigned retirements ({items.length}
        {listed?.more ? '+' : ''})
      </h2>
      {listed === null ? (
        <p className="muted">Reading…</p>
      ) : items.length === 0 ? (
        <p className="muted">Nothing here.</p>
      ) : (
        <>
          <p id="unsigned-retirements-why">Agents that pin your organisation’s root key still show these retired entries: sign each retirement with your approver key.</p>
          <ul className="queue-list">
            {items.map((item) => (
              <li key={`${item.id}/${item.locale}`}>
                {item.title || item.id} ({item.locale}) · version {item.version} · retired by {item.retiredBy}
              </li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" className="primary" disabled={busy} aria-describedby="unsigned-retirements-why" onClick={() => void sign(items)}>
              Sign these retirements
            </button>
          </div>
        </>
      )}
    </section>
  );
}
