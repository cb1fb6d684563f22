#!/usr/bin/env python3
"""oauth2_introspect.py DIR - the OAuth2 token introspection endpoint (RFC
7662) that the harness's Dovecot asks about each XOAUTH2 / OAUTHBEARER
login. Tokens are the lines "TOKEN<TAB>USER" of DIR/oauth2-tokens; any
other token is inactive. Listens on a free port of 127.0.0.1 only, writes
it to DIR/oauth2.port, and its pid to DIR/run/oauth2.pid."""
import http.server
import json
import os
import sys
import urllib.parse

DIR = sys.argv[1]


def tokens():
    with open(os.path.join(DIR, "oauth2-tokens"), encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t", 1) for line in f if "\t" in line)


class Introspect(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        token = urllib.parse.parse_qs(body.decode("ascii", "replace")).get("token", [""])[0]
        user = tokens().get(token)
        answer = {"active": True, "username": user} if user else {"active": False}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass  # Dovecot's log says what was asked


server = http.server.HTTPServer(("127.0.0.1", 0), Introspect)
with open(os.path.join(DIR, "oauth2.port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(DIR, "oauth2.port.tmp"), os.path.join(DIR, "oauth2.port"))
with open(os.path.join(DIR, "run", "oauth2.pid"), "w") as f:
    f.write(str(os.getpid()))
server.serve_forever()
