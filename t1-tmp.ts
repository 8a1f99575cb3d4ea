import fs from 'node:fs';
import { CuecardIndex } from './main/search/cuecard-index';
const lines = fs.readFileSync('/work/shared/corpus/gnome-help.ndjson','utf8').trim().split('\n');
const now = new Date().toISOString();
const entries = lines.map(l => { const r = JSON.parse(l); return { id: r.id, locale: r.locale, kind: 'article', title: r.title, body: r.body, tags: r.tags ?? [], urlOrPath: r.url_or_path ?? null, version: 1, updatedAt: now, approvedBy: 'import', approvedAt: now, reviewState: 'approved' } as const; });
let t = performance.now();
const idx = new CuecardIndex();
idx.build(entries as any);
console.log('build ms', performance.now()-t, 'size', idx.size, 'mem', process.memoryUsage().rss/1e6);
for (const [q, loc] of [['refnud','en'],['wifi','en'],['pasword','en'],['printer not work','en'],['imprimante','fr'],['プリンター','ja'],['c','en'],['cha','en'],['change passw','en'],['mot de passe oublie','fr']]) {
  t = performance.now();
  const hits = idx.search({query: q, locale: loc, limit: 5});
  console.log(q, (performance.now()-t).toFixed(2), hits.map(h => `${h.id} [${h.title}] ${h.score} ${JSON.stringify(h.titleHighlights)}`));
}
const qs = ['wifi','printer','change password','sound not working','c','ca','can','bluetooth head','mot de passe','プリンター','pasword','shiping','dispaly brightness'];
for (let r=0;r<3;r++){ const times:number[]=[]; for (const q of qs) for (let i=1;i<=q.length;i++){ const t0=performance.now(); idx.search({query:q.slice(0,i), locale: 'en', limit:10}); times.push(performance.now()-t0);} times.sort((a,b)=>a-b); console.log('p50',times[times.length>>1].toFixed(3),'p95',times[Math.floor(times.length*0.95)].toFixed(3),'max',times[times.length-1].toFixed(3)); }
