#!/usr/bin/env python3
"""A tiny HTTP(S) server for the MonbanHTTP tests (standard library only).

    python3 echo_server.py [--port N] [--cert server.pem --key server.key]

Prints "PORT <n>" first, then serves on 127.0.0.1 until killed:
  GET  /hello            200 "hello", with X-Test-Header and two Set-Cookie headers
  GET  /status/<n>       status n, body "status n"
  GET  /headers          the request headers as a JSON object (names lower-cased)
  POST /echo             the form, decoded, as JSON: {"method", "content_type", "pairs": [[k, v], ...]}
  GET  /big?n=<bytes>    n bytes of "a" (&chunked=1: chunked, without Content-Length)
  GET  /redirect         302 to /hello
  GET  /slow?ms=<n>      waits n ms, then 200 "slow"
"""
import argparse
import json
import ssl
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, format, *args):
        pass

    def send(self, status, body, content_type='text/plain; charset=utf-8', extra=()):
        if isinstance(body, str):
            body = body.encode('utf-8')
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlsplit(self.path)
        query = dict(parse_qsl(url.query))
        if url.path == '/hello':
            self.send(200, 'hello', extra=[('X-Test-Header', 'Mixed Case Value'),
                                           ('Set-Cookie', 'a=1'), ('Set-Cookie', 'b=2')])
        elif url.path.startswith('/status/'):
            status = int(url.path.split('/')[2])
            self.send(status, f'status {status}')
        elif url.path == '/headers':
            self.send(200, json.dumps({k.lower(): v for k, v in self.headers.items()}), 'application/json')
        elif url.path == '/big' and query.get('chunked'):
            # No Content-Length: the client learns the size only while reading.
            remaining = int(query.get('n', '0'))
            self.send_response(200)
            self.send_header('Content-Type', 'application/octet-stream')
            self.send_header('Transfer-Encoding', 'chunked')
            self.end_headers()
            while remaining > 0:
                size = min(remaining, 65536)
                self.wfile.write(b'%x\r\n' % size + b'a' * size + b'\r\n')
                remaining -= size
            self.wfile.write(b'0\r\n\r\n')
        elif url.path == '/big':
            self.send(200, b'a' * int(query.get('n', '0')), 'application/octet-stream')
        elif url.path == '/redirect':
            self.send(302, 'moved', extra=[('Location', '/hello')])
        elif url.path == '/slow':
            time.sleep(int(query.get('ms', '1000')) / 1000)
            self.send(200, 'slow')
        else:
            self.send(404, 'not found')

    def do_POST(self):
        length = int(self.headers.get('Content-Length') or 0)
        raw = self.rfile.read(length).decode('ascii')
        if urlsplit(self.path).path != '/echo':
            self.send(404, 'not found')
            return
        pairs = parse_qsl(raw, keep_blank_values=True, strict_parsing=bool(raw), encoding='utf-8', errors='strict')
        self.send(200, json.dumps({
            'method': self.command,
            'content_type': self.headers.get('Content-Type'),
            'raw': raw,
            'pairs': pairs,
        }, ensure_ascii=False), 'application/json; charset=utf-8')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--cert')
    parser.add_argument('--key')
    args = parser.parse_args()
    server = ThreadingHTTPServer(('127.0.0.1', args.port), Handler)
    server.daemon_threads = True
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(f'PORT {server.server_address[1]}', flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == '__main__':
    sys.exit(main())
