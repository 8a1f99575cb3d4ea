/**
 * `bench:answers --floor`'s bare comparison: `node:http` alone writing a captured `/v1/answers`
 * reply (the file given) to every request, with no framework, auth, validation or logging. What
 * it costs per request is Node's HTTP and socket work for a reply that size on this machine.
 * Prints `listening on <url>` like the real server; SIGTERM stops it.
 */
import fs from 'node:fs';
import http from 'node:http';

const file = process.argv[2];
if (!file) throw new Error('usage: answers-bare-server.ts <reply file>');
const body = fs.readFileSync(file);
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) };
const server = http.createServer((request, response) => {
  request.resume();
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
