// A Node http client reading server-sent events: prints one JSON line per event as it arrives,
// {"id": ..., "event": ..., "data": ...}, after a first line with the status and Content-Type, then
// {"end": true, "rest": any text after the last event} when the server ends the stream.
// Usage: node http-sse.js PORT PATH
'use strict';
const http = require('http');

const [port, path] = process.argv.slice(2);

// One event block: "field: value" lines; several data lines join with a newline, as browsers do.
function parse(block) {
  const event = {};
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') {
      event.data = event.data === undefined ? value : event.data + '\n' + value;
    } else if (field !== '') {
      event[field] = value;
    }
  }
  return event;
}

const req = http.get({ host: '127.0.0.1', port: Number(port), path, timeout: 20000 }, (res) => {
  process.stdout.write(JSON.stringify({ status: res.statusCode, type: res.headers['content-type'] }) + '\n');
  let buffered = '';
  res.setEncoding('utf8');
  res.on('data', (chunk) => {
    buffered += chunk;
    let end;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      process.stdout.write(JSON.stringify(parse(buffered.slice(0, end))) + '\n');
      buffered = buffered.slice(end + 2);
    }
  });
  res.on('end', () => process.stdout.write(JSON.stringify({ end: true, rest: buffered }) + '\n'));
});
req.on('timeout', () => req.destroy(new Error('stream not complete within 20 s')));
req.on('error', (err) => {
  process.stderr.write(`http-sse.js: ${err.message}\n`);
  process.exitCode = 1;
});
