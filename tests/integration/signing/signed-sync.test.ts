/**
 * Signed knowledge end to end (issue #15): keys, the signed key list, `approve --key`, an agent's
 * `sync --org-root-key`, `show` and `audit`, on a real server on 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import * as audit from '../../../main/cli/commands/audit';
import * as show from '../../../main/cli/commands/show';
import { cli } from '../workflow/cli-helpers';
import { signingWorld } from './signing-fixture';
import { eachTest } from '../../helpers/each-test';

const returns = { id: 'kb/returns', locale: 'en', title: 'Returns within 30 days', body: 'Customers may return items within 30 days.', tags: ['returns'] };

describe('signed knowledge', () => {
  const w = eachTest(signingWorld);

  it('an approval signed by the approver reaches the agent verified, and show and audit say so', async () => {
    await w.publishSigned([returns], 'ana', ['bo']);
    const synced = await w.sync();
    expect(synced.code, synced.err.join('\n')).toBe(0);
    expect(synced.out).toEqual([`synced 1 change(s); cursor 1; 1 entries in ${w.agentDir}`]);
    const shown = await cli(show, ['kb/returns', '--locale', 'en', '--data-dir', w.agentDir, '--json']);
    expect(shown.code, shown.err.join('\n')).toBe(0);
    expect(JSON.parse(shown.out[0] as string)).toMatchObject({ id: 'kb/returns', body: returns.body, verified: true, approvers: ['bo'] });
    const audited = await cli(audit, ['--data-dir', w.agentDir, '--org-root-key', w.root.publicKey]);
    expect(audited.code).toBe(0);
    expect(JSON.parse(audited.out.at(-1) as string)).toEqual({
      verified: 1, unsigned: 0, bad_signature: 0, unknown_key: 0, key_revoked: 0, second_approver_missing: 0, rollback: 0, changed_locally: 0, quarantined: 0,
    });
  });
});
