package dev.nettool.servers.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/** {@code /}: the built-in test endpoints as one HTML table. */
final class HttpbinIndex implements HttpRouteGroup {

  /** One row of the table. */
  record Endpoint(String method, String path, String what) {}

  /** Every built-in endpoint, in the order the page lists them: a new endpoint group adds its rows here. */
  static final List<Endpoint> ENDPOINTS = List.of(
      // request echo
      new Endpoint("GET", "/get", "The request's query args, headers, origin and URL as JSON"),
      new Endpoint("POST", "/post", "The request echoed, with its body: data, form fields, files, json"),
      new Endpoint("PUT", "/put", "The same for PUT"),
      new Endpoint("PATCH", "/patch", "The same for PATCH"),
      new Endpoint("DELETE", "/delete", "The same for DELETE"),
      new Endpoint("any", "/anything", "The request echoed with its method, whatever the method"),
      new Endpoint("any", "/anything/{anything}", "The same under any path"),
      new Endpoint("GET", "/headers", "The request's headers"),
      new Endpoint("GET", "/ip", "The client's IP address"),
      new Endpoint("GET", "/user-agent", "The request's User-Agent"),
      // response formats
      new Endpoint("any", "/status/{codes}", "That status; 200:0.9,500:0.1 picks one by weight"),
      new Endpoint("GET, POST", "/response-headers?K=V", "Sets each query parameter as a response header"),
      new Endpoint("GET", "/json", "A JSON document"),
      new Endpoint("GET", "/html", "An HTML page"),
      new Endpoint("GET", "/xml", "An XML document"),
      new Endpoint("GET", "/robots.txt", "A robots.txt that disallows /deny"),
      new Endpoint("GET", "/deny", "The page robots.txt disallows"),
      new Endpoint("GET", "/encoding/utf8", "A page of UTF-8 text in many scripts"),
      new Endpoint("GET", "/uuid", "A random UUID (version 4)"),
      new Endpoint("GET", "/base64/{value}", "The value decoded from base64 (standard or URL-safe)"),
      new Endpoint("GET", "/gzip", "A gzip-encoded JSON echo"),
      new Endpoint("GET", "/deflate", "A deflate-encoded (zlib) JSON echo"),
      // time and streams
      new Endpoint("any", "/delay/{seconds}", "The echo after a delay of up to 10 seconds"),
      new Endpoint("GET", "/drip?numbytes=&duration=&delay=&code=", "Bytes dripped out over a duration"),
      new Endpoint("GET", "/stream/{n}", "n JSON lines, chunked"),
      new Endpoint("GET", "/bytes/{n}?seed=", "n random bytes; the same bytes for the same seed"),
      new Endpoint("GET", "/stream-bytes/{n}?seed=&chunk_size=", "n random bytes, chunked"),
      new Endpoint("GET", "/range/{n}", "n bytes that honour Range requests (206, 416)"),
      new Endpoint("GET", "/sse", "Server-sent events"),
      new Endpoint("any", "/unstable?failure_rate=&seed=", "Random 500s at the given rate"),
      // redirects
      new Endpoint("GET", "/redirect/{n}", "302 n times, then /get (?absolute=true for absolute URLs)"),
      new Endpoint("GET", "/relative-redirect/{n}", "302 n times with relative Locations, then /get"),
      new Endpoint("GET", "/absolute-redirect/{n}", "302 n times with absolute Locations, then /get"),
      new Endpoint("any", "/redirect-to?url=&status_code=", "Redirects to the URL with a 3xx status (302)"),
      // authentication
      new Endpoint("GET", "/basic-auth/{user}/{passwd}", "Basic auth with these credentials, 401 otherwise"),
      new Endpoint("GET", "/hidden-basic-auth/{user}/{passwd}", "The same, but 404 instead of 401"),
      new Endpoint("GET", "/bearer", "Bearer token auth, 401 without one"),
      // cookies
      new Endpoint("GET", "/cookies", "The request's cookies"),
      new Endpoint("GET", "/cookies/set?K=V", "Sets the cookies, then redirects to /cookies"),
      new Endpoint("GET", "/cookies/set/{name}/{value}", "Sets one cookie, then redirects to /cookies"),
      new Endpoint("GET", "/cookies/delete?K", "Deletes the cookies, then redirects to /cookies"),
      // caching
      new Endpoint("GET", "/cache", "304 for If-Modified-Since or If-None-Match, else 200 with validators"),
      new Endpoint("GET", "/cache/{n}", "Cache-Control: public, max-age=n"),
      new Endpoint("GET", "/etag/{etag}", "If-None-Match gives 304, a failed If-Match 412"),
      // sessions, uploads, REST
      new Endpoint("GET, DELETE", "/session", "A signed session cookie: first visit, then again with a count"),
      new Endpoint("POST, PUT", "/upload", "Streams a raw or multipart body; answers name, size, SHA-256"),
      new Endpoint("GET, POST", "/items", "A small in-memory collection: list, create"),
      new Endpoint("GET, PUT, PATCH, DELETE", "/items/{id}", "One item: read, replace, update, delete"),
      // WebSocket
      new Endpoint("GET", "/ws/echo", "WebSocket: every message comes back (426 without an upgrade)"),
      new Endpoint("GET", "/ws/broadcast", "WebSocket: every message goes to every session here"),
      new Endpoint("GET", "/ws/chat", "A chat page on /ws/broadcast, for a browser"));

  @Override
  public void addTo(HttpRouteTable.Builder table) {
    table.add(HttpMethod.GET, "/", HttpbinIndex::index);
  }

  static void index(HttpExchange ex) {
    ex.respondHtml(HttpResponseStatus.OK, page(ENDPOINTS));
  }

  static String page(List<Endpoint> endpoints) {
    StringBuilder rows = new StringBuilder();
    for (Endpoint e : endpoints) {
      String path = escape(e.path());
      boolean linkable = e.method().startsWith("GET") && !e.path().contains("{") && !e.path().contains("?");
      rows.append("      <tr><td>").append(escape(e.method())).append("</td><td><code>")
          .append(linkable ? "<a href=\"" + path + "\">" + path + "</a>" : path)
          .append("</code></td><td>").append(escape(e.what())).append("</td></tr>\n");
    }
    return """
        <!DOCTYPE html>
        <html>
          <head>
            <meta charset="utf-8">
            <title>nettool http-server</title>
          </head>
          <body>
            <h1>nettool http-server</h1>
            <p>httpbin-compatible test endpoints. JSON answers follow httpbin's shapes.</p>
            <table>
              <tr><th>Method</th><th>Path</th><th>What it does</th></tr>
        %s    </table>
          </body>
        </html>
        """.formatted(rows);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
