import fs from 'node:fs';
const fd = fs.openSync('/tmp/dd/search-index/search-index.bin','r');
let t = performance.now(); const b = Buffer.from(new ArrayBuffer(25_000_000)); fs.readSync(fd, b, 0, 25_000_000, 0); console.log('read 25MB', performance.now()-t);
t = performance.now(); const s = b.toString('latin1', 0, 2_400_000); console.log('decode', performance.now()-t);
t = performance.now(); const parts = s.split('\n'); console.log('split', parts.length, performance.now()-t);
