#!/usr/bin/env python3
"""A real SMTP server for monban's tests (aiosmtpd, from Debian's python3-aiosmtpd).

Listens on 127.0.0.1:PORT and stores every message it accepts in MAILDIR as
NNNNNN.eml (the bytes received after DATA, exactly) and NNNNNN.json (the
envelope: mail_from, rcpt_tos, the authenticated user, whether TLS was on).
Prints "PORT <n>" once it accepts connections, then runs until SIGTERM.

  --starttls CERT KEY   offer STARTTLS and require it before MAIL
  --tls CERT KEY        implicit TLS (smtps)
  --auth USER:PASS      require AUTH (PLAIN/LOGIN) with these credentials
  --reject ADDR=CODE    answer RCPT TO:<ADDR> with CODE (e.g. 550 or 450)
"""
import argparse
import email
import email.policy
import json
import os
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Store:
    def __init__(self, maildir, rejects):
        self.maildir = maildir
        self.rejects = rejects
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        code = self.rejects.get(address.lower())
        if code:
            return f"{code} {'5.1.1' if code.startswith('5') else '4.2.1'} refused by the test server"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            n = len([f for f in os.listdir(self.maildir) if f.endswith(".eml")]) + 1
            base = os.path.join(self.maildir, "%06d" % n)
            meta = {
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "user": (session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None),
                "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            }
            # Decoded by Python's own e-mail package (an implementation independent of monban's).
            try:
                msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
                meta["headers"] = [[k, str(v)] for k, v in msg.items()]
                meta["raw_headers"] = [[k, v] for k, v in msg.raw_items()]
                meta["subject"] = str(msg["subject"])
                meta["content_type"] = msg.get_content_type()
                meta["charset"] = msg.get_content_charset()
                meta["transfer_encoding"] = msg.get("Content-Transfer-Encoding")
                meta["body"] = msg.get_content()
                meta["defects"] = [type(d).__name__ for d in msg.defects]
            except Exception as e:  # a message Python cannot parse: the test fails on it
                meta["parse_error"] = repr(e)
            with open(base + ".json.tmp", "w") as f:
                json.dump(meta, f)
            with open(base + ".eml.tmp", "wb") as f:
                f.write(envelope.original_content)
            os.rename(base + ".json.tmp", base + ".json")
            os.rename(base + ".eml.tmp", base + ".eml")
        return "250 2.0.0 Message accepted for delivery"


def context(cert, key):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    return ctx


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--maildir", required=True)
    p.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--auth")
    p.add_argument("--reject", action="append", default=[])
    a = p.parse_args()
    os.makedirs(a.maildir, exist_ok=True)
    rejects = {}
    for r in a.reject:
        addr, code = r.rsplit("=", 1)
        rejects[addr.lower()] = code

    kwargs = {"decode_data": False}
    if a.starttls:
        kwargs["tls_context"] = context(*a.starttls)
        kwargs["require_starttls"] = True
    if a.auth:
        user, password = a.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
                and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

        kwargs["authenticator"] = authenticator
        kwargs["auth_required"] = True
        kwargs["auth_require_tls"] = bool(a.starttls or a.tls)
    ssl_context = context(*a.tls) if a.tls else None
    controller = Controller(Store(a.maildir, rejects), hostname="127.0.0.1", port=a.port,
                            ssl_context=ssl_context, server_hostname="smtp.test", **kwargs)
    controller.start()
    print("PORT %d" % a.port, flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    controller.stop()


if __name__ == "__main__":
    sys.exit(main())
