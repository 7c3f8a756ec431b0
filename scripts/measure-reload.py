#!/usr/bin/env python3
"""Time from a saved edit to the reloaded page, as `prongsai serve` delivers it.

Starts `prongsai serve --port 0` on a site, listens on its live-reload event stream like
an open browser tab, then edits one meeting file's title at a time and measures:
  event: save -> the server's "rebuilt" event arrives (when a browser starts reloading)
  page:  save -> the page has been fetched again and shows the new title
Every file is put back as it was at the end. Standard library only.

  cargo build --release
  python3 scripts/measure-reload.py --root /dev/shm/prongsai-bench/site1000 --edits 30

on a generated corpus of 1,000 meetings (`SIZES=1000 scripts/bench.sh` generates it there).
"""

import argparse
import http.client
import json
import os
import queue
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time


def start_server(binary, root):
    p = subprocess.Popen(
        [binary, "serve", "--root", root, "--port", "0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        line = p.stderr.readline()
        if not line:
            break
        m = re.search(r"http://127\.0\.0\.1:(\d+)(/\S*)", line)
        if m:
            # Keep reading stderr so the server never blocks on a full pipe.
            rest = []
            threading.Thread(target=lambda: rest.extend(p.stderr), daemon=True).start()
            return p, int(m.group(1)), m.group(2), rest
    p.kill()
    sys.exit("serve printed no URL")


def listen_events(port, out):
    """Reads the event stream as a browser would; puts (arrival time, status) on `out`."""
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /__prongsai/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
    f = s.makefile("rb")
    for raw in f:
        if raw.startswith(b"data: "):
            out.put((time.perf_counter(), json.loads(raw[6:])))


def fetch(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", path)
    r = c.getresponse()
    body = r.read().decode("utf-8", "replace")
    c.close()
    return r.status, body


def pct(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", required=True, help="the site to serve")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "prongsai"))
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--pause", type=float, default=0.3, help="seconds between edits")
    a = ap.parse_args()

    server, port, base, log = start_server(a.bin, a.root)
    originals = {}
    try:
        status, body = fetch(port, base + "data/meetings.json")
        assert status == 200, status
        data = json.loads(body)
        prefix = re.match(r"https?://[^/]+", data["base_url"]).group(0)
        url_of = {m["slug"]: m["url"][len(prefix):] for m in data["meetings"]}

        files = []
        for d, _, names in os.walk(os.path.join(a.root, "content")):
            files += [os.path.join(d, n) for n in sorted(names) if n.endswith(".md")]
        files.sort()
        step = max(1, len(files) // a.edits)
        chosen = files[::step][: a.edits]

        events = queue.Queue()
        threading.Thread(target=listen_events, args=(port, events), daemon=True).start()
        _, first = events.get(timeout=10)
        version = first["version"]

        ev_ms, page_ms = [], []
        for k, path in enumerate(chosen):
            text = open(path, encoding="utf-8").read()
            originals[path] = text
            m = re.search(r"^slug:\s*(\S+)", text, re.M)
            slug = m.group(1) if m else re.sub(r"^\d{4}-\d{2}-\d{2}-", "", os.path.basename(path)[:-3])
            url = url_of[slug]
            title = "แก้ไขครั้งที่ %d %d" % (k, time.time_ns() % 100000)
            new = re.sub(r"^title:.*$", "title: " + title, text, count=1, flags=re.M)

            t0 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:  # saved in place, as most editors do
                f.write(new)
            while True:
                t_ev, st = events.get(timeout=10)
                if st["ok"] and st["version"] != version:
                    version = st["version"]
                    break
            tries = 0
            while True:
                status, body = fetch(port, url)
                tries += 1
                if status == 200 and title in body:
                    break
                if tries > 100:
                    sys.exit("page %s never showed the new title (status %d)" % (url, status))
                time.sleep(0.001)
            t_page = time.perf_counter()
            ev_ms.append((t_ev - t0) * 1000)
            page_ms.append((t_page - t0) * 1000)
            if tries > 1:
                print("note: %s needed %d fetches" % (url, tries), file=sys.stderr)
            time.sleep(a.pause)

        n = len(chosen)
        print("site: %s (%d meeting files), %d edits, one meeting title each" % (a.root, len(files), n))
        for name, xs in (("save -> reload event", ev_ms), ("save -> new page fetched", page_ms)):
            print(
                "%-26s median %5.1f ms   p90 %5.1f ms   min %5.1f   max %5.1f"
                % (name, statistics.median(xs), pct(xs, 90), min(xs), max(xs))
            )
        rebuilds = [l.strip() for l in log if l.startswith("สร้างใหม่")]
        print("rebuilds: %d for %d edits; the last: %s" % (len(rebuilds), n, rebuilds[-1] if rebuilds else "-"))
        if os.environ.get("VERBOSE"):
            print("\n".join(rebuilds))
    finally:
        for path, text in originals.items():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
