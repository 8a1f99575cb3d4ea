/**
 * Signed knowledge for bench:sync (issue #15): an org root key and an approver key made in memory,
 * the key registered and the root-signed key list uploaded, and every published entry carrying the
 * approver's signature of version 1 (the bench publishes fresh ids only), so every client verifies
 * every entry as an agent with a pinned root key does.
 */
import { approvalPayload, type ApprovalSignature } from '../../common/signing/approval';
import type { PublishEntry } from '../../common/sync-protocol';
import { generateKeyPair, privateKeyObject, signText } from '../../main/signing/ed25519';
import { nextKeyList, signKeyList } from '../../main/signing/key-list-builder';

export interface BenchSigner {
  rootKey: string;
  sign(entries: readonly PublishEntry[]): PublishEntry[];
  /** The approver's signature of `entry` at version 1 (for an approval of a reviewed version). */
  approval(entry: PublishEntry): ApprovalSignature;
}

export async function setUpSigning(serverUrl: string, adminToken: string): Promise<BenchSigner> {
  const root = generateKeyPair();
  const approver = generateKeyPair();
  const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const registered = await fetch(`${serverUrl}/v1/keys`, { method: 'POST', headers, body: JSON.stringify({ name: 'bench-approver', publicKey: approver.publicKey }) });
  if (!registered.ok) throw new Error(`key registration failed: ${registered.status} ${await registered.text()}`);
  const list = nextKeyList(null, [{ name: 'bench-approver', publicKey: approver.publicKey, registeredBy: 'bench', registeredAt: '' }], {}, new Date(Date.now() - 60_000));
  const uploaded = await fetch(`${serverUrl}/v1/key-list`, { method: 'PUT', headers, body: JSON.stringify(signKeyList(list, privateKeyObject(root.privateKeyPkcs8))) });
  if (!uploaded.ok) throw new Error(`key list upload failed: ${uploaded.status} ${await uploaded.text()}`);
  const key = privateKeyObject(approver.privateKeyPkcs8);
  const approval = (entry: PublishEntry) => {
    const at = { approvedAt: new Date().toISOString(), keyId: approver.publicKey };
    const content = { ...entry, tags: entry.tags ?? [], urlOrPath: entry.urlOrPath ?? null, version: 1 };
    return { ...at, signature: signText(key, approvalPayload(content, at)) };
  };
  return {
    rootKey: root.publicKey,
    sign: (entries) => entries.map((entry) => ({ ...entry, signature: approval(entry) })),
    approval,
  };
}
