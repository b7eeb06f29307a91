// A plain Node dgram client: cuts stdin into datagrams of the given sizes, sends each and waits for
// its reply, writing every reply to stdout.
// Usage: node udp-client.js HOST PORT SIZE...
'use strict';
const dgram = require('dgram');

const [host, port, ...sizes] = process.argv.slice(2);
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const payload = Buffer.concat(chunks);
  const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  const timer = setTimeout(() => {
    process.stderr.write('udp-client.js: no reply within 30s\n');
    process.exit(1);
  }, 30000);
  let i = 0;
  let offset = 0;
  const sendNext = () => {
    if (i === sizes.length) {
      clearTimeout(timer);
      socket.close();
      return;
    }
    const size = Number(sizes[i++]);
    socket.send(payload.subarray(offset, offset + size), Number(port), host);
    offset += size;
  };
  socket.on('message', (msg) => process.stdout.write(msg, sendNext));
  socket.on('error', (err) => {
    process.stderr.write(`udp-client.js: ${err.message}\n`);
    process.exit(1);
  });
  sendNext();
});
