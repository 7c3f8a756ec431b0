#!/usr/bin/env bash
# The Windows program checked under Wine (Debian's wine and wine64), against the Linux build:
#   1. `build` of the example site gives the same files, byte for byte;
#   2. a broken meeting file gives the same error text and exit status with `check`;
#   3. `serve` answers HTTP;
#   4. started with no arguments (a double-click) in the example site it serves it, and
#      in a folder without site.yaml it explains in Thai and exits 2 (no console: no wait);
#   5. in a console (a pty from `script`), it waits for Enter before it exits.
# prongsai.exe comes from scripts/dist.sh (made here if missing); the Linux binary from
# `cargo build --release`. Wine 8 lacks bcryptprimitives.dll, which Rust's std needs for
# ProcessPrng: tests/wine/bcryptprimitives.c is built with mingw and put beside the exe.
# Prints 'N passed, N failed' and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$repo/target/wine-test
exe=$repo/target/dist/target/x86_64-pc-windows-gnu/release/prongsai.exe
linux=$repo/target/release/prongsai

if ! command -v wine >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends wine wine64 curl >/dev/null
fi
[[ -f $exe ]] || bash scripts/dist.sh --windows-only || exit 2
[[ -x $linux ]] || cargo build --release --locked || exit 2

rm -rf "$work"
mkdir -p "$work/bin" "$work/empty"
cp "$exe" "$work/bin/"
x86_64-w64-mingw32-gcc -O2 -shared -o "$work/bin/bcryptprimitives.dll" tests/wine/bcryptprimitives.c -ladvapi32 || exit 2
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" PRONGSAI_NO_BROWSER=1
# The same "today" for both builds: warnings about future dates depend on it.
export PRONGSAI_TODAY=2568-01-15
wineboot --init >/dev/null 2>&1
win=$work/bin/prongsai.exe
winpath() { echo "Z:${1//\//\\}"; }

passed=0 failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
bad() { echo "FAILED: $1"; failed=$((failed + 1)); }

# 1. the example site, byte for byte
"$linux" build --root "$repo" --output "$work/out-linux" >/dev/null 2>"$work/build-linux.txt"
wine "$win" build --root "$(winpath "$repo")" --output "$(winpath "$work/out-windows")" >/dev/null 2>"$work/build-windows.txt"
if [[ -d $work/out-windows ]] && diff -r "$work/out-linux" "$work/out-windows" >"$work/build.diff"; then
    ok "build: $(find "$work/out-windows" -type f | wc -l) files identical to the Linux build"
else
    bad "build differs from Linux (target/wine-test/build.diff, build-windows.txt)"
fi

# 2. a broken meeting: the same error text (paths are said with / on both)
mkdir -p "$work/broken/content/2567"
cp "$repo/site.yaml" "$work/broken/"
printf -- '---\ntitle: ประชุม\ndate: [2567-03-15\nvenue: ห้องประชุม\n---\n\nเนื้อหา\n' \
    >"$work/broken/content/2567/2567-03-15-bad.md"
(cd "$work/broken" && "$linux" check) >/dev/null 2>"$work/check-linux.txt"
lc=$?
(cd "$work/broken" && wine "$win" check) >/dev/null 2>"$work/check-windows.txt"
wc=$?
tr -d '\r' <"$work/check-windows.txt" >"$work/check-windows-lf.txt"
if [[ $lc == 1 && $wc == 1 ]] && diff "$work/check-linux.txt" "$work/check-windows-lf.txt" >/dev/null; then
    ok "check on a broken file: same text, exit 1 ($(grep -o 'PS[0-9]*' "$work/check-linux.txt" | head -1))"
else
    bad "check differs: exit $lc vs $wc; diff target/wine-test/check-linux.txt check-windows-lf.txt"
fi

# Starts a server under Wine, waits for its URL, fetches it; $1 names the check.
serves() {
    local what=$1 dir=$2 log=$3
    shift 3
    (cd "$dir" && exec wine "$win" "$@") </dev/null >/dev/null 2>"$log" &
    local pid=$! url=""
    for _ in $(seq 1 300); do
        url=$(tr -d '\r' <"$log" | sed -n 's/^เปิดดูที่ //p' | head -1)
        [[ -n $url ]] && break
        sleep 0.1
    done
    if [[ -n $url ]] && curl -fsS --max-time 10 "$url" | grep -q '<html'; then
        ok "$what answers at $url"
    else
        bad "$what: no answer (url '$url'; target/wine-test/$(basename "$log"))"
    fi
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
}

# 3. serve
serves "serve" "$work" "$work/serve.txt" serve --port 0 --root "$(winpath "$repo")"

# 4. no arguments: next to site.yaml, and elsewhere
mkdir -p "$work/site"
cp -r "$repo/site.yaml" "$repo/content" "$repo/static" "$work/site/"
serves "double-click in a site folder" "$work/site" "$work/start.txt"
(cd "$work/empty" && timeout 30 wine "$win") </dev/null >/dev/null 2>"$work/start-empty.txt"
code=$?
if [[ $code == 2 ]] && grep -q 'ไม่พบไฟล์ site.yaml' "$work/start-empty.txt" &&
    grep -q 'prongsai init' "$work/start-empty.txt"; then
    ok "double-click elsewhere: Thai explanation, exit 2"
else
    bad "double-click elsewhere: exit $code (target/wine-test/start-empty.txt)"
fi

# 5. no arguments in a console (script gives Wine a terminal): it waits for Enter
start=$(date +%s)
(cd "$work/empty" && (sleep 3; printf '\r'; sleep 1) | timeout 60 script -qec "wine '$win'" /dev/null) \
    >"$work/start-console.txt" 2>&1
code=$?
waited=$(($(date +%s) - start))
if [[ $code == 2 && $waited -ge 3 ]] && grep -q 'กด Enter เพื่อปิดหน้าต่างนี้' "$work/start-console.txt"; then
    ok "double-click elsewhere in a console: waited ${waited}s for Enter, exit 2"
else
    bad "double-click in a console: exit $code after ${waited}s (target/wine-test/start-console.txt)"
fi

wineserver -k 2>/dev/null
echo "wine: $passed passed, $failed failed"
[[ $failed == 0 ]]
