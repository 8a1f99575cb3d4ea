import fs from 'node:fs';
import { CuecardIndex } from './main/search/cuecard-index';
const lines = fs.readFileSync('/work/shared/corpus/gnome-help.ndjson','utf8').trim().split('\n');
const now = new Date().toISOString();
const entries = lines.map(l => { const r = JSON.parse(l); return { id: r.id, locale: r.locale, kind: 'article', title: r.title, body: r.body, tags: r.tags ?? [], urlOrPath: r.url_or_path ?? null, version: 1, updatedAt: now, approvedBy: 'import', approvedAt: now, reviewState: 'approved' } as const; });
const idx = new CuecardIndex();
idx.build(entries as any);
const qs = ['wifi','printer','change password','sound not working','c','ca','can','bluetooth head','mot de passe','pasword','shiping','dispaly brightness'];
const t0=performance.now(); let n=0;
for (let r=0;r<30;r++){ for (const q of qs) for (let i=1;i<=q.length;i++){ idx.search({query:q.slice(0,i), locale: 'en', limit:10}); n++; } }
console.log('avg ms', (performance.now()-t0)/n);
