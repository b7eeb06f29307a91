// Streams MB binary messages of 1 MB (random bytes) to an echo server, at most 4 unanswered at a time, and prints
// the SHA-256 of what was sent and of what came back.
// Usage: node ws-stream.js URL MB
'use strict';
const crypto = require('crypto');
const WebSocket = require('ws');

const [url, mb] = process.argv.slice(2);
const total = Number(mb);
const sent = crypto.createHash('sha256');
const received = crypto.createHash('sha256');
let sentCount = 0;
let receivedCount = 0;
let receivedBytes = 0;
const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 2 * 1024 * 1024 });

function pump() {
  while (sentCount < total && sentCount - receivedCount < 4) {
    const chunk = crypto.randomBytes(1024 * 1024);
    sent.update(chunk);
    sentCount++;
    ws.send(chunk, { binary: true });
  }
}

ws.on('open', pump);
ws.on('message', (data) => {
  received.update(data);
  receivedBytes += data.length;
  receivedCount++;
  if (receivedCount === total) {
    ws.close(1000, 'done');
  } else {
    pump();
  }
});
ws.on('close', (code) => {
  process.stdout.write(JSON.stringify({ close: code, messages: receivedCount, bytes: receivedBytes,
    sent: sent.digest('hex'), received: received.digest('hex') }));
});
ws.on('error', (err) => {
  console.log(JSON.stringify({ error: err.code || err.message }));
  process.exitCode = 1;
});
