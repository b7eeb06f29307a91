"""python3's http.client on one connection: sends each METHOD PATH in turn and prints
"STATUS LENGTH" per response, then the count of sockets it opened.
Usage: python3 http_keepalive.py PORT METHOD:PATH..."""
import http.client
import sys

port = int(sys.argv[1])
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
sockets = set()
for spec in sys.argv[2:]:
    method, path = spec.split(":", 1)
    conn.request(method, path)
    sockets.add(id(conn.sock))
    resp = conn.getresponse()
    body = resp.read()
    print(resp.status, len(body), flush=True)
print("sockets", len(sockets), flush=True)
conn.close()
