import { readFileSync } from 'node:fs';
import { snippetSourceText as neu } from '../common/templates/snippet-text';
import { snippetSourceText as old } from './snippet-text-old';
const bodies = readFileSync('/work/wt/shared/corpus/templates-osticket.ndjson', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { body: string; kind?: string });
let to = 0, tn = 0;
for (let r = 0; r < 3; r++) for (const b of bodies) {
  const k = (b.kind ?? 'article') as 'article';
  let s = performance.now(); const a = old(k, b.body); to += performance.now() - s;
  s = performance.now(); const c = neu(k, b.body); tn += performance.now() - s;
  if (a !== c) throw new Error('differs: ' + b.body.slice(0, 200));
  // templates too
  if (old('template', b.body) !== neu('template', b.body)) throw new Error('differs (template)');
}
console.log(`bodies ${bodies.length}: old ${to.toFixed(0)} ms, new ${tn.toFixed(0)} ms`);
