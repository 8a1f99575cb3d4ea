import fs from 'node:fs';
const file = process.argv[2];
const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = new Map();
for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
const name = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const self = new Map(), incl = new Map();
const focus = process.argv[3];
let total = 0;
for (const [id, t] of dt) {
  const n = byId.get(id);
  // only samples under focus function if given
  let chain = []; let cur = id;
  while (cur !== undefined) { chain.push(byId.get(cur)); cur = parent.get(cur); }
  if (focus && !chain.some((c) => c.callFrame.functionName === focus)) continue;
  total += t;
  self.set(name(n), (self.get(name(n)) ?? 0) + t);
  const seen = new Set();
  for (const c of chain) { const k = name(c); if (seen.has(k)) continue; seen.add(k); incl.set(k, (incl.get(k) ?? 0) + t); }
}
const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, t]) => `${(t / 1000).toFixed(0).padStart(7)} ms ${(100 * t / total).toFixed(1).padStart(5)}%  ${n}`).join('\n');
console.log(`total ${(total/1000).toFixed(0)} ms${focus ? ' under ' + focus : ''}`);
console.log('--- self'); console.log(top(self, 30));
console.log('--- inclusive'); console.log(top(incl, 45));
