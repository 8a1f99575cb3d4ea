import { loadIndex } from './main/search/persist';
for (let i = 0; i < 3; i++) { const t = performance.now(); const l = loadIndex('/tmp/dd/search-index'); console.log('load ms', performance.now() - t, l?.index.size); }
