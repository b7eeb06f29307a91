package dev.nettool.servers.http;

/** {@code /ws/chat}: one HTML page with its script inline, no build step, that joins {@code /ws/broadcast}. */
final class HttpWsChatPage {
  private HttpWsChatPage() {}

  static final String HTML = """
      <!doctype html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>nettool chat</title>
      <style>
        body { font: 15px/1.4 system-ui, sans-serif; max-width: 40em; margin: 2em auto; }
        #log { border: 1px solid #ccc; height: 20em; overflow-y: auto; padding: .5em; white-space: pre-wrap; }
        #log .info { color: #777; }
        form { display: flex; gap: .5em; margin-top: .5em; }
        #text { flex: 1; }
      </style>
      </head>
      <body>
      <h1>nettool chat</h1>
      <p>Every message goes to everyone connected to <code>/ws/broadcast</code>, you included.</p>
      <div id="log" aria-live="polite"></div>
      <form id="send">
        <input id="text" autocomplete="off" placeholder="message" disabled>
        <button id="button" disabled>Send</button>
      </form>
      <script>
        const log = document.getElementById('log');
        const text = document.getElementById('text');
        const button = document.getElementById('button');
        function show(line, cls) {
          const div = document.createElement('div');
          div.textContent = line;
          if (cls) div.className = cls;
          log.appendChild(div);
          log.scrollTop = log.scrollHeight;
        }
        const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/broadcast';
        const ws = new WebSocket(url);
        ws.onopen = () => { show('connected to ' + url, 'info'); text.disabled = button.disabled = false; text.focus(); };
        ws.onmessage = (e) => show(typeof e.data === 'string' ? e.data : '(binary message)', 'message');
        ws.onclose = (e) => { show('closed: ' + e.code + (e.reason ? ' ' + e.reason : ''), 'info');
          text.disabled = button.disabled = true; };
        document.getElementById('send').onsubmit = (e) => {
          e.preventDefault();
          if (text.value) { ws.send(text.value); text.value = ''; }
        };
      </script>
      </body>
      </html>
      """;
}
