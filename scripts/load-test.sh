#!/usr/bin/env bash
# Load test of the preview server: `prongsai serve` on 127.0.0.1 (a free port) serving a
# copy of this repository's site, hit by wrk for SECONDS (default 30) with CONNECTIONS
# (default 32) while a loop edits meeting files (a title changed every 0.3 s, a meeting
# added and removed, a broken file written and fixed), so that the site is rebuilt and
# swapped all the time. Fails unless every response is 2xx/3xx and every HTML, JSON and
# XML body is whole (never a partly written page). Bounded: wrk stops after SECONDS and
# everything started here is stopped on exit. Only loopback is used.
#   bash scripts/load-test.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
conns=${2:-32}

if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi
cargo build --release -q
bin=$PWD/target/release/prongsai

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/site"
cp -r site.yaml content "$work/site/"
[ -d static ] && cp -r static "$work/site/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --root "$work/site" --bind 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 &
pids+=($!)

base=""
for _ in $(seq 1 600); do
  base=$(grep -so "http://127.0.0.1:$port/[^ ]*" "$work/serve.log" | head -1 || true)
  [ -n "$base" ] && curl -fs -o /dev/null "$base" && break
  sleep 0.1
done
[ -n "$base" ] || { cat "$work/serve.log"; echo "serve did not start" >&2; exit 1; }
path=${base#http://127.0.0.1:$port}

# The meeting whose title the loop edits, and its page (from data/meetings.json).
file=$(find "$work/site/content" -name '*.md' ! -name '_*' | sort | head -1)
source=${file#$work/site/}
page=$(curl -fs "${base}data/meetings.json" | python3 -c "
import json, sys, urllib.parse
d = json.load(sys.stdin)
items = d if isinstance(d, list) else d['meetings']
url = next(m['url'] for m in items if m['source'] == '$source')
print(urllib.parse.urlparse(url).path)")
curl -fs -o /dev/null "http://127.0.0.1:$port$page" || { echo "no page $page" >&2; exit 1; }
fy=$(echo "$page" | sed -E "s|^${path}([0-9]+)/.*|\1|")

cat >"$work/check.lua" <<LUA
local paths = { "$path", "${path}$fy/", "$page", "${path}ita/", "${path}data/meetings.json",
                "${path}feed.xml", "${path}sitemap.xml", "${path}404.html", "${path}css/style.css" }
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) i = 0; bad_status = 0; partial = 0; checked = 0 end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
function response(status, headers, body)
  if status >= 400 then bad_status = bad_status + 1 end
  local t = body:gsub("%s+$", "")
  local whole = true
  if body:find("<html", 1, true) then whole = t:sub(-7) == "</html>"
  elseif body:sub(1, 1) == "[" or body:sub(1, 1) == "{" then whole = t:sub(-1) == "]" or t:sub(-1) == "}"
  elseif body:find("<feed", 1, true) then whole = t:sub(-7) == "</feed>"
  elseif body:find("<urlset", 1, true) then whole = t:sub(-9) == "</urlset>" end
  if not whole then partial = partial + 1 end
  checked = checked + 1
end
function done(summary, latency, requests)
  local b, p, c = 0, 0, 0
  for _, t in ipairs(threads) do b = b + t:get("bad_status"); p = p + t:get("partial"); c = c + t:get("checked") end
  io.write(string.format("checked %d responses: %d with status >= 400 (404.html is requested as a file: 200), %d partly written\n", c, b, p))
  if b > 0 or p > 0 then os.exit(1) end
end
LUA

# The editing loop: bounded by the same time as wrk.
(
  orig=$(cat "$file")
  end=$((SECONDS + secs))
  n=0
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1))
    printf '%s\n' "$orig" | sed "0,/^title: /s//title: (แก้ครั้งที่ $n) /" >"$file.tmp" && mv "$file.tmp" "$file"
    case $((n % 10)) in
      3) printf -- '---\ntitle: ใหม่\ndate: 2567-01-15\nvenue: ห้อง\n---\n' >"$work/site/content/zz-added.md" ;;
      6) rm -f "$work/site/content/zz-added.md" ;;
      8) printf -- '---\ntitle: เสีย\ndate: 30 กุมภาพันธ์ 2567\nvenue: ห้อง\n---\n' >"$work/site/content/zz-broken.md" ;;
      9) rm -f "$work/site/content/zz-broken.md" ;;
    esac
    sleep 0.3
  done
  echo "$n" >"$work/edits"
) &
pids+=($!)

echo "wrk: ${secs}s, $conns connections, 2 threads, on $base while files are edited"
set +e
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$work/check.lua" "http://127.0.0.1:$port" | tee "$work/wrk.out"
status=${PIPESTATUS[0]}
set -e
sleep 1
edits=$(cat "$work/edits" 2>/dev/null || echo "?")
good=$(grep -c "^สร้างใหม่ [0-9]" "$work/serve.log" || true)
failed=$(grep -c "^สร้างใหม่ไม่สำเร็จ" "$work/serve.log" || true)
echo "edits: $edits; rebuilds: $good good, $failed with errors (the broken file; the last good site stayed served)"

# Outside the site: 404, never a file.
for bad in "${path}no-such-page/" "${path}../../etc/passwd" "${path}%2e%2e/%2e%2e/etc/passwd" "${path}..%2f..%2fsite.yaml"; do
  code=$(curl -s -o "$work/body" -w '%{http_code}' --path-as-is "http://127.0.0.1:$port$bad")
  if [ "$code" != 404 ] || grep -q "root:" "$work/body"; then echo "FAIL: $bad gave $code" >&2; status=1; fi
done
grep -q "panicked" "$work/serve.log" && { echo "FAIL: the server panicked" >&2; status=1; }
kill -0 "${pids[0]}" 2>/dev/null || { echo "FAIL: the server died" >&2; status=1; }
[ "$status" -eq 0 ] && echo "load test passed" || echo "load test FAILED"
exit "$status"
