import { useCallback, useEffect, useState } from 'react';
import type { StoredSynonymRule, SynonymDecision, SynonymState } from '../../../common/synonyms/synonym-protocol';
import { ask, libraryApi } from './library-api';
import { SynonymForm, type SynonymFormHost, type SynonymSeed } from './SynonymForm';

const STATES: Array<{ state: SynonymState; label: string }> = [
  { state: 'in_review', label: 'In review' },
  { state: 'approved', label: 'Live' },
  { state: 'rejected', label: 'Rejected' },
  { state: 'retired', label: 'Retired' },
];

interface Props extends SynonymFormHost {
  me: string;
}

const describe = (rule: StoredSynonymRule) => (rule.oneWayTo === null ? rule.terms.join('; ') : `${rule.terms.join('; ')} → ${rule.oneWayTo}`);

/**
 * The organisation's synonym rules (issue #18): new ones wait in review until another lead
 * approves them (signed with this machine's approver key when it has one); live ones can be
 * edited (the edit goes through review and replaces the rule once approved) or retired.
 */
export function SynonymsPanel({ me, titles, onMessage }: Props) {
  const [state, setState] = useState<SynonymState>('in_review');
  const [rules, setRules] = useState<StoredSynonymRule[] | null>(null);
  const [seed, setSeed] = useState<SynonymSeed | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    (which: SynonymState) =>
      ask(() => libraryApi().synonymRules({ state: which })).then((answer) => {
        if (!answer.ok) return onMessage(answer.error.message, 'error');
        setRules(answer.value.rules);
      }),
    [onMessage],
  );
  useEffect(() => void load(state), [load, state]);

  const decide = async (rule: StoredSynonymRule, action: SynonymDecision) => {
    setBusy(true);
    const answer = await ask(() => libraryApi().decideSynonym({ ruleId: rule.ruleId, action }));
    setBusy(false);
    if (!answer.ok) return onMessage(answer.error.message, 'error');
    const signed = answer.value.rule.signatures.length > 0 ? ' (signed)' : '';
    const done = { approve: `is live${signed}`, reject: 'was rejected', retire: 'was retired' }[action];
    onMessage(`Synonym “${describe(rule)}” ${done}; agents get synonym set version ${answer.value.version}.`, 'info');
    await load(state);
  };

  return (
    <section className="synonyms" aria-label="Synonyms">
      <nav aria-label="Synonym states" className="tabs">
        {STATES.map((s) => (
          <button key={s.state} type="button" aria-pressed={state === s.state} onClick={() => setState(s.state)}>
            {s.label}
          </button>
        ))}
        <button type="button" onClick={() => setSeed({ locale: 'en', terms: '', oneWayTo: '' })}>
          Add synonym
        </button>
      </nav>
      {seed && <SynonymForm seed={seed} titles={titles} onClose={() => setSeed(null)} onMessage={onMessage} onAdded={() => void load(state)} />}
      {rules === null ? null : rules.length === 0 ? (
        <p className="muted">No rules {STATES.find((s) => s.state === state)?.label.toLowerCase()}.</p>
      ) : (
        <ul className="synonym-list" aria-label={`Synonym rules ${STATES.find((s) => s.state === state)?.label.toLowerCase()}`}>
          {rules.map((rule) => (
            <li key={rule.ruleId}>
              <span className="synonym-rule">
                {describe(rule)} <span className="muted">({rule.locale}, by {rule.author}{rule.replaces ? ', replaces a live rule' : ''}{rule.signatures.length > 0 ? ', signed' : ''})</span>
              </span>
              {rule.state === 'in_review' && (
                <>
                  <button type="button" className="primary" disabled={busy || rule.author === me} title={rule.author === me ? 'Another lead approves what you wrote (four eyes)' : undefined} aria-label={`Approve ${describe(rule)}`} onClick={() => void decide(rule, 'approve')}>
                    Approve
                  </button>
                  <button type="button" disabled={busy} aria-label={`Reject ${describe(rule)}`} onClick={() => void decide(rule, 'reject')}>
                    Reject
                  </button>
                </>
              )}
              {rule.state === 'approved' && (
                <>
                  <button type="button" disabled={busy} aria-label={`Edit ${describe(rule)}`} onClick={() => setSeed({ locale: rule.locale, terms: rule.terms.join('; '), oneWayTo: rule.oneWayTo ?? '', replaces: rule.ruleId })}>
                    Edit
                  </button>
                  <button type="button" disabled={busy} aria-label={`Retire ${describe(rule)}`} onClick={() => void decide(rule, 'retire')}>
                    Retire
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
