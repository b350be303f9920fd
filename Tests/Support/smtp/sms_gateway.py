#!/usr/bin/env python3
"""A Twilio-compatible SMS gateway recorder for monban's tests.

POST /2010-04-01/Accounts/<sid>/Messages.json with a form (To, From, Body) and
HTTP basic authentication. Each request is appended to LOG as one JSON line:
path, the basic-auth user and whether the password matched, content type, and
the decoded form. Answers 201 with a Twilio-like JSON body, or --status CODE.
Prints "PORT <n>" once listening.
"""
import argparse
import base64
import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--log", required=True)
    p.add_argument("--user", default="ACtest")
    p.add_argument("--password", default="token")
    p.add_argument("--status", type=int, default=201)
    a = p.parse_args()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length).decode("utf-8")
            form = {k: v[0] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}
            user, ok = None, False
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Basic "):
                u, _, pw = base64.b64decode(auth[6:]).decode().partition(":")
                user, ok = u, (u == a.user and pw == a.password)
            record = {"path": self.path, "user": user, "auth_ok": ok,
                      "content_type": self.headers.get("Content-Type"), "form": form}
            with lock, open(a.log, "a") as f:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
            status = a.status if ok else 401
            body = json.dumps({"sid": "SM0001", "status": "queued", "to": form.get("To")} if status < 300
                              else {"code": 20003, "message": "refused"}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
