#!/usr/bin/env python3
"""HTTP/1.1 file server for this measurement: keep-alive (iPXE sends its three requests over the one connection its
guestfwd chardev carries) and concurrent connections (each part has its own guestfwd)."""
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
root = sys.argv[1] if len(sys.argv) > 1 else "."
http.server.ThreadingHTTPServer(("127.0.0.1", 9000), functools.partial(Handler, directory=root)).serve_forever()
