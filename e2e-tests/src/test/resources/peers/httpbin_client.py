"""Requests over one keep-alive connection with Python's http.client, one JSON line per response.

Usage: python3 httpbin_client.py HOST PORT < requests
Each input line is a JSON array [method, path, headers-object, body-text]. Each output line is
{"status": int, "headers": {lower-case name: value}, "body": text, "socket": n}, where socket counts
the connections opened so far (1 throughout when keep-alive holds).
"""
import http.client
import json
import sys


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    conn = http.client.HTTPConnection(host, port, timeout=30)
    sockets = []
    for line in sys.stdin:
        if not line.strip():
            continue
        method, path, headers, body = json.loads(line)
        conn.request(method, path, body=body.encode("utf-8") if body else None, headers=headers)
        if conn.sock not in sockets:
            sockets.append(conn.sock)
        resp = conn.getresponse()
        data = resp.read()
        print(json.dumps({
            "status": resp.status,
            "headers": {k.lower(): v for k, v in resp.getheaders()},
            "body": data.decode("utf-8", "replace"),
            "socket": len(sockets),
        }), flush=True)
    conn.close()


if __name__ == "__main__":
    main()
