// Runs rounds of requests over one cleartext HTTP/2 session (prior knowledge) with Node's http2 module and
// prints one JSON line: how many answers were right, how many were wrong, and how the reset went.
// Round 1: COUNT GETs of /anything/<i> at once, with a POST of a 200 KB body (more than a stream's window).
// Then a /drip stream that the client resets after its first bytes. Round 2: COUNT GETs again, one at a time.
// An answer is right when its status is 200 and its echoed URL (and body, for the POST) are its own.
// Usage: node http2-many.js PORT COUNT
'use strict';
const http2 = require('http2');

const port = process.argv[2];
const count = Number(process.argv[3]);
const session = http2.connect(`http://127.0.0.1:${port}`);
const result = { right: 0, wrong: [], reset: null };
session.on('error', (err) => {
  console.log(JSON.stringify({ error: err.code || err.message }));
  process.exit(1);
});

function request(headers, body) {
  return new Promise((resolve) => {
    const req = session.request(headers);
    const chunks = [];
    let status = 0;
    req.on('response', (h) => { status = h[':status']; });
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve({ status, text: Buffer.concat(chunks).toString() }));
    req.on('error', (err) => resolve({ status: -1, text: String(err.code || err.message) }));
    req.end(body);
  });
}

async function get(i) {
  const path = `/anything/${i}`;
  const answer = await request({ ':path': path });
  const url = answer.status === 200 ? JSON.parse(answer.text).url : '';
  if (url.endsWith(path)) result.right++; else result.wrong.push(`${path}: ${answer.status} ${url}`);
}

async function post() {
  const body = 'x'.repeat(200_000);
  const answer = await request({ ':path': '/anything/post', ':method': 'POST', 'content-type': 'text/plain' }, body);
  const data = answer.status === 200 ? JSON.parse(answer.text).data : '';
  if (data === body) result.right++; else result.wrong.push(`post: ${answer.status} ${data.length} bytes`);
}

function resetDrip() {
  return new Promise((resolve) => {
    const req = session.request({ ':path': '/drip?duration=5&numbytes=50' });
    req.on('data', () => req.close(http2.constants.NGHTTP2_CANCEL));
    req.on('close', () => resolve(req.rstCode));
    req.on('error', () => {});
    req.end();
  });
}

(async () => {
  const first = [post()];
  for (let i = 0; i < count; i++) first.push(get(i));
  await Promise.all(first);
  result.reset = await resetDrip();
  for (let i = 0; i < count; i++) await get(count + i);
  console.log(JSON.stringify(result));
  session.close();
})();
