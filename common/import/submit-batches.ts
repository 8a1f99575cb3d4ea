/**
 * Entries in batches for `POST /v1/entries`, as `publish` and a bulk import send them: at most
 * `size` entries and about 8 MB of JSON a request, below the server's request limit
 * (MAX_REQUEST_BYTES, 32 MiB) whatever the entries' sizes.
 */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

export function* submitBatches<E extends object>(entries: readonly E[], size: number): Generator<E[]> {
  let batch: E[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const length = JSON.stringify(entry).length * 2; // UTF-16 length ×2 bounds the UTF-8 bytes
    if (batch.length > 0 && (batch.length >= size || bytes + length > MAX_BATCH_BYTES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += length;
  }
  if (batch.length > 0) yield batch;
}
