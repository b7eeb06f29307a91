// A Node http client keeping a session cookie by hand: GET /session, take the session_id from
// Set-Cookie, GET /session again sending it back. Prints one JSON line per answer:
// {"status": N, "cookie": "session_id=...", "body": {...}}.
// Usage: node http-session.js PORT
'use strict';
const http = require('http');

const port = Number(process.argv[2]);

function visit(cookie) {
  return new Promise((resolve, reject) => {
    const headers = cookie ? { Cookie: cookie } : {};
    const req = http.get({ host: '127.0.0.1', port, path: '/session', headers, timeout: 20000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => {
        const setCookie = (res.headers['set-cookie'] || []).find((c) => c.startsWith('session_id='));
        resolve({ status: res.statusCode, cookie: setCookie ? setCookie.split(';')[0] : null, body: JSON.parse(body) });
      });
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 20 s')));
    req.on('error', reject);
  });
}

(async () => {
  const first = await visit(null);
  const again = await visit(first.cookie);
  for (const answer of [first, again]) {
    process.stdout.write(JSON.stringify(answer) + '\n');
  }
})().catch((err) => {
  process.stderr.write(`http-session.js: ${err.message}\n`);
  process.exitCode = 1;
});
