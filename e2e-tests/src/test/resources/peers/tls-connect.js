// Connects with Node's tls module, trusting only the CA file given, and prints what it learned as one JSON line.
// Usage: node tls-connect.js PORT CA_FILE SERVERNAME [CLIENT_CERT CLIENT_KEY]
'use strict';
const fs = require('fs');
const tls = require('tls');

const [port, caFile, servername, certFile, keyFile] = process.argv.slice(2);
const options = { host: '127.0.0.1', port: Number(port), ca: fs.readFileSync(caFile), servername };
if (certFile) {
  options.cert = fs.readFileSync(certFile);
  options.key = fs.readFileSync(keyFile);
}
const socket = tls.connect(options, () => {
  const cert = socket.getPeerCertificate();
  console.log(JSON.stringify({
    authorized: socket.authorized,
    protocol: socket.getProtocol(),
    subject: cert.subject && cert.subject.CN,
    altnames: cert.subjectaltname,
  }));
  socket.end();
});
socket.on('error', (err) => {
  console.log(JSON.stringify({ authorized: false, error: err.code || err.message }));
  process.exitCode = 1;
});
