import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { ApproverKeyView } from '../../../common/library-contract';
import { ask, libraryApi } from './library-api';

interface Props {
  onMessage: (message: string, tone: 'info' | 'error') => void;
}

/**
 * "My approver key" (issue #15): the lead's signing key for approvals. Main makes it and keeps its
 * private half sealed with the OS keychain; this page only ever sees the public half. Register it
 * with the server under a name; an admin then signs it into the org key list, whose standing for
 * this key (listed, revoked) is shown here.
 */
export function ApproverKeyPanel({ onMessage }: Props) {
  const [view, setView] = useState<ApproverKeyView | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  const run = useCallback(
    async (call: () => ReturnType<ReturnType<typeof libraryApi>['approverKey']>, done?: (view: ApproverKeyView) => string) => {
      setBusy(true);
      const answer = await ask(call);
      setBusy(false);
      if (!answer.ok) return onMessage(answer.error.message, 'error');
      setView(answer.value);
      if (done) onMessage(done(answer.value), 'info');
    },
    [onMessage],
  );
  useEffect(() => {
    void ask(() => libraryApi().approverKey(null)).then((answer) => (answer.ok ? setView(answer.value) : onMessage(answer.error.message, 'error')));
  }, [onMessage]);

  const register = (event: FormEvent) => {
    event.preventDefault();
    void run(() => libraryApi().registerApproverKey({ name: name.trim() }), (v) => `Registered your approver key as "${v.registeredAs ?? name.trim()}".`);
  };

  const replace = () =>
    void run(
      () => libraryApi().replaceApproverKey(null),
      () => 'Made a replacement key. Register it under a new name; an admin must then sign a new org key list that includes it before agents accept what it signs.',
    );

  return (
    <section className="approver-key" aria-label="My approver key">
      <h2 className="section-heading">My approver key</h2>
      {view === null ? (
        <p className="muted">Reading your key…</p>
      ) : (
        <>
          <p className="muted">
            {view.signingRequired
              ? 'Your organisation signs approvals: Approve signs the exact version with this key, and agents accept only what listed keys signed.'
              : 'Your organisation does not sign approvals yet (no org key list on the server, no root key pinned here): approvals go unsigned.'}
          </p>
          {view.publicKey === null ? (
            <>
              <p>This computer has no approver key. Its private half is made and sealed here (the OS keychain) and never leaves this computer.</p>
              <button type="button" className="primary" disabled={busy} onClick={() => void run(() => libraryApi().createApproverKey(null), () => 'Created your approver key.')}>
                Create my key
              </button>
            </>
          ) : (
            <>
              <label className="field">
                <span>Public key</span>
                <input type="text" readOnly value={view.publicKey} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
              </label>
              {view.registeredAs !== null ? (
                <p>Registered with this server as “{view.registeredAs}”.</p>
              ) : (
                <form className="register-key" onSubmit={register}>
                  <label className="field">
                    <span>Name in the org key list</span>
                    <input type="text" value={name} autoComplete="off" spellCheck={false} placeholder="e.g. lena" onChange={(e) => setName(e.target.value)} />
                  </label>
                  <button type="submit" disabled={busy || name.trim() === ''}>
                    Register with the server
                  </button>
                </form>
              )}
              <p className="key-standing">{standing(view)}</p>
              <ReplaceKey revoked={(view.keyList?.entry?.revokedAt ?? null) !== null} busy={busy} onReplace={replace} />
            </>
          )}
        </>
      )}
    </section>
  );
}

/**
 * A new key for a lead whose key was revoked (said first), or lost or exposed: main makes and seals
 * it as the first; the old one is kept sealed aside, unused.
 */
function ReplaceKey({ revoked, busy, onReplace }: { revoked: boolean; busy: boolean; onReplace: () => void }) {
  return (
    <div className="replace-key" role="group" aria-label="Replace my approver key">
      <p>
        {revoked
          ? 'Your key is revoked: make a replacement key here, register it under a new name, and ask an admin to sign a new org key list that includes it.'
          : 'Key lost or exposed? Make a replacement key; an admin then revokes the old one and signs a new org key list that includes the new one.'}
      </p>
      <button type="button" className={revoked ? 'primary' : undefined} disabled={busy} onClick={onReplace}>
        Make a replacement key
      </button>
    </div>
  );
}

/** Where the key stands in the server's org key list, as agents will judge it. */
function standing(view: ApproverKeyView): string {
  const list = view.keyList;
  if (list === null) return 'The server has no signed org key list yet.';
  if (list.rootSignature === 'invalid') {
    return `The server's org key list (version ${list.version}) is not signed by your organisation's root key: agents ignore it. Tell an admin.`;
  }
  const unchecked = list.rootSignature === 'not_checked' ? ' (its root signature is not checked here: no org root key is pinned in Settings)' : '';
  const entry = list.entry;
  if (entry === null) return `Not in the org key list (version ${list.version}) yet: an admin signs registered keys into it.${unchecked}`;
  if (entry.revokedAt !== null) return `Revoked in the org key list (version ${list.version}) from ${entry.revokedAt}: agents refuse what it signed since.${unchecked}`;
  return `In the org key list (version ${list.version}) as “${entry.name}”, valid from ${entry.validFrom}.${unchecked}`;
}
