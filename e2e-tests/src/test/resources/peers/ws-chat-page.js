// Opens the http-server's /ws/chat page in headless Chromium next to a Node ws client on /ws/broadcast:
// the client's message must show on the page, and a message typed on the page must reach the client.
// Usage: node ws-chat-page.js BASE_URL   (CHROMIUM overrides the browser, /usr/bin/chromium by default)
// Prints one JSON object: the page's log lines and what the Node client received.
'use strict';
const { chromium } = require('playwright-core');
const WebSocket = require('ws');

const base = process.argv[2];

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(base + '/ws/chat');
    await page.waitForSelector('#text:not([disabled])', { timeout: 20000 });

    const ws = new WebSocket(base.replace(/^http/, 'ws') + '/ws/broadcast');
    const received = [];
    const fromBrowser = new Promise((resolve) => ws.on('message', (data) => {
      received.push(data.toString());
      if (data.toString() === 'from the browser') resolve();
    }));
    await new Promise((resolve, reject) => { ws.on('open', resolve); ws.on('error', reject); });
    ws.send('from node');
    await page.waitForFunction(() => [...document.querySelectorAll('#log .message')]
      .some((e) => e.textContent === 'from node'), null, { timeout: 20000 });
    await page.fill('#text', 'from the browser');
    await page.click('#button');
    await fromBrowser;
    await page.waitForFunction(() => document.querySelectorAll('#log .message').length === 2, null,
      { timeout: 20000 });
    const log = await page.$$eval('#log div', (els) => els.map((e) => e.className + ': ' + e.textContent));
    ws.close(1000);
    process.stdout.write(JSON.stringify({ log, received }));
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.log(JSON.stringify({ error: err.message }));
  process.exitCode = 1;
});
