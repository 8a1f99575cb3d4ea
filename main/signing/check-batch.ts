/**
 * A batch of Ed25519 checks as one ArrayBuffer, so a whole sync page's checks reach a worker
 * thread (check-worker.ts) by transfer: no copy and no object per check, unlike a structured
 * clone of the entries (verify-pool.ts measured that slower than verifying inline on two cores).
 *
 * Layout (little-endian, 4-byte aligned): `count`, then per check its key's index in `keys` and
 * the end of its payload (Int32 each), then the 64-byte signatures, then the payloads' UTF-8
 * bytes one after another. The answer is one byte per check: 1 valid, 0 anything else.
 */
import { verify } from 'node:crypto';
import { publicKeyObject } from './ed25519';

export interface CheckBatch {
  /** The distinct public keys (text form, formats.ts) the checks name. */
  keys: string[];
  buffer: ArrayBuffer;
}

const SIGNATURE_BYTES = 64;

/** Builds the batch; every check's key and signature were already found well-formed (planEntry). */
export class CheckBatchWriter {
  private readonly keyIndex = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly keyOf: number[] = [];
  private readonly signatures: string[] = [];
  private payloadBytes = Buffer.allocUnsafe(1 << 16);
  private readonly payloadEnds: number[] = [];
  private used = 0;

  get count(): number {
    return this.keyOf.length;
  }

  add(keyId: string, payload: string, signature: string): void {
    let k = this.keyIndex.get(keyId);
    if (k === undefined) {
      k = this.keys.length;
      this.keys.push(keyId);
      this.keyIndex.set(keyId, k);
    }
    this.keyOf.push(k);
    this.signatures.push(signature);
    const most = payload.length * 3; // UTF-8 bytes per UTF-16 code unit, at most
    if (this.used + most > this.payloadBytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.payloadBytes.length * 2, this.used + most));
      this.payloadBytes.copy(grown, 0, 0, this.used);
      this.payloadBytes = grown;
    }
    this.used += this.payloadBytes.write(payload, this.used, 'utf8');
    this.payloadEnds.push(this.used);
  }

  finish(): CheckBatch {
    const n = this.count;
    const head = 4 + 8 * n;
    const buffer = new ArrayBuffer(head + SIGNATURE_BYTES * n + this.used);
    const ints = new Int32Array(buffer, 0, 1 + 2 * n);
    ints[0] = n;
    const bytes = Buffer.from(buffer);
    for (let i = 0; i < n; i += 1) {
      ints[1 + 2 * i] = this.keyOf[i] as number;
      ints[2 + 2 * i] = this.payloadEnds[i] as number;
      bytes.write(this.signatures[i] as string, head + SIGNATURE_BYTES * i, SIGNATURE_BYTES, 'base64');
    }
    this.payloadBytes.copy(bytes, head + SIGNATURE_BYTES * n, 0, this.used);
    return { keys: this.keys, buffer };
  }
}

/** Runs the batch's checks with Node's crypto, synchronously (in the worker): one byte per check. */
export function runCheckBatch(batch: CheckBatch): Uint8Array {
  const ints = new Int32Array(batch.buffer, 0, 1);
  const n = ints[0] as number;
  const index = new Int32Array(batch.buffer, 4, 2 * n);
  const head = 4 + 8 * n;
  const bytes = new Uint8Array(batch.buffer);
  const payloads = head + SIGNATURE_BYTES * n;
  const keys = batch.keys.map((text) => {
    try {
      return publicKeyObject(text);
    } catch {
      return null; // a key Node cannot load: its checks fail, like a bad signature
    }
  });
  const out = new Uint8Array(n);
  let start = 0;
  for (let i = 0; i < n; i += 1) {
    const key = keys[index[2 * i] as number];
    const end = index[2 * i + 1] as number;
    const signature = bytes.subarray(head + SIGNATURE_BYTES * i, head + SIGNATURE_BYTES * (i + 1));
    try {
      out[i] = key && verify(null, bytes.subarray(payloads + start, payloads + end), key, signature) ? 1 : 0;
    } catch {
      out[i] = 0;
    }
    start = end;
  }
  return out;
}
