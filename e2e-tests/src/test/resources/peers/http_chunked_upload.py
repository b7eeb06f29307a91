"""Uploads a file with python3's http.client in chunks (Transfer-Encoding: chunked) and prints the answer.

Usage: python3 http_chunked_upload.py HOST PORT PATH FILE CHUNK_SIZE
Prints one JSON line: {"status": int, "body": the answer's text}.
"""
import http.client
import json
import sys


def pieces(path, size):
    with open(path, "rb") as f:
        while True:
            piece = f.read(size)
            if not piece:
                return
            yield piece


def main():
    host, port, target, path, size = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("POST", target, body=pieces(path, size),
                 headers={"Content-Type": "application/octet-stream"}, encode_chunked=True)
    resp = conn.getresponse()
    body = resp.read()
    print(json.dumps({"status": resp.status, "body": body.decode("utf-8", "replace")}), flush=True)
    conn.close()


if __name__ == "__main__":
    main()
