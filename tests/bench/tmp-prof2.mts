import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { startServer } from '/work/main/server/server';
import { verifyPage } from '/work/main/main/sync/verify-page';
import { openDatabase } from '/work/main/main/store/database';
import { KnowledgeStore } from '/work/main/main/store/knowledge-store';
import { SearchService } from '/work/main/main/search/search-service';
const lines = fs.readFileSync('/work/shared/corpus/gnome-help.ndjson','utf8').split('\n').filter(Boolean).slice(0,8000).map(l=>JSON.parse(l));
const s = await startServer({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(),'p-')), port: 0, log: ()=>{} });
for (let i=0;i<8000;i+=1000) await s.repo.publish(lines.slice(i,i+1000).map(r=>({id:r.id,locale:r.locale,kind:'article',title:r.title,body:r.body,tags:(r.tags??[]),urlOrPath:null})), {name:'x'});
const token = await s.tokens.create('a','agent');
let t = performance.now();
const texts: string[] = [];
for (let a=0;a<8000;a+=2000) { const r = await fetch(`${s.url}/v1/changes?after=${a}&limit=2000`, {headers:{authorization:'Bearer '+token}}); texts.push(await r.text()); }
console.log('fetch 4 pages', performance.now()-t); t = performance.now();
const raws = texts.map(x=>JSON.parse(x)); console.log('JSON.parse', performance.now()-t); t = performance.now();
const pages = raws.map((r,i)=>verifyPage(r,{after:i*2000, epoch:null})); console.log('verify', performance.now()-t); t = performance.now();
const dir = fs.mkdtempSync(path.join(os.tmpdir(),'c-'));
const { db } = await openDatabase({ file: path.join(dir,'x.db') });
const store = new KnowledgeStore(db);
for (const p of pages.slice(0,2)) await store.applyAtomically(p.items.map((i:any)=>i.entry), [], async()=>{});
console.log('store 4000', performance.now()-t); t = performance.now();
const search = await SearchService.start({ store, indexDir: path.join(dir,'si') }); await search.ready;
console.log('search build 4000', performance.now()-t); t = performance.now();
let inListener = 0;
store.onChange(()=>{});
for (const p of pages.slice(2)) { await store.applyAtomically(p.items.map((i:any)=>i.entry), [], async()=>{}); }
console.log('store+index 4000', performance.now()-t); t = performance.now();
await s.close();
