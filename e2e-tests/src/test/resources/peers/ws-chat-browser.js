// Opens the http-server's /ws/chat page in headless Chromium and talks to whoever else is on /ws/broadcast.
// Usage: node ws-chat-browser.js BASE_URL   (CHROMIUM overrides the browser, /usr/bin/chromium by default)
// Prints "page ready" on stderr once the page is connected; waits until the message "from ws-client" shows on
// the page, then types "from the browser" and sends it; prints one JSON object with the page's log lines.
'use strict';
const { chromium } = require('playwright-core');

const base = process.argv[2];

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(base + '/ws/chat');
    await page.waitForSelector('#text:not([disabled])', { timeout: 20000 });
    process.stderr.write('page ready\n');
    await page.waitForFunction(() => [...document.querySelectorAll('#log .message')]
      .some((e) => e.textContent === 'from ws-client'), null, { timeout: 60000 });
    await page.fill('#text', 'from the browser');
    await page.click('#button');
    await page.waitForFunction(() => document.querySelectorAll('#log .message').length === 2, null,
      { timeout: 20000 });
    const log = await page.$$eval('#log div', (els) => els.map((e) => e.className + ': ' + e.textContent));
    process.stdout.write(JSON.stringify({ log }));
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.log(JSON.stringify({ error: err.message }));
  process.exitCode = 1;
});
