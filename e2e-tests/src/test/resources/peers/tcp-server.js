// A plain Node net server on 127.0.0.1, port picked by the system, printed as 'listening PORT' on stderr.
// Usage: node tcp-server.js echo               echo every connection until its end
//        node tcp-server.js greet TEXT         write TEXT, then close (without reading)
//        node tcp-server.js after-end PREFIX   read until the client's FIN, then write PREFIX + what came, then close
'use strict';
const net = require('net');

const [mode, text] = process.argv.slice(2);
const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('error', (err) => process.stderr.write(`tcp-server.js: ${err.message}\n`));
  if (mode === 'echo') {
    socket.pipe(socket);
  } else if (mode === 'greet') {
    socket.end(text);
  } else if (mode === 'after-end') {
    const chunks = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => socket.end(Buffer.concat([Buffer.from(text), ...chunks])));
  } else {
    process.stderr.write(`tcp-server.js: unknown mode ${mode}\n`);
    process.exit(2);
  }
});
server.listen(0, '127.0.0.1', () => process.stderr.write(`listening ${server.address().port}\n`));
