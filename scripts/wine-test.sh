#!/usr/bin/env bash
# The Windows program checked under Wine (Debian's wine and wine64), against the Linux build:
#   1. `build` of the example site gives the same files, byte for byte;
#   2. a broken meeting file gives the same error text and exit status with `check`;
#   3. `serve` answers HTTP;
#   4. the zip from scripts/dist.sh, unzipped: laid out as dist.sh's header says
#      (tests/wine/zip_layout.py: no site.yaml beside prongsai.exe, the example folder with
#      its .bat, คู่มือ.html a whole page with the guide's headings), its prongsai.exe the
#      one built here and rendering the same คู่มือ.html; started with no arguments (a
#      double-click) in a site folder it serves it, and in the zip's own folder it serves
#      the "create a website" page (naming the example beside it), whose form (token,
#      Origin) writes site.yaml there and leads to the editor on the same port;
#   5. the zip's ตัวอย่าง/เปิดเว็บไซต์ตัวอย่าง.bat (run by Wine's cmd) starts ..\prongsai.exe
#      in the example folder, which serves the example;
#   6. a site in a folder named in Thai with spaces: `build` equals Linux byte for byte, and
#      the program put in that folder, double-clicked, serves it;
#   7. files as Notepad saves them (CRLF with a UTF-8 BOM, one in UTF-16 "Unicode"): the
#      same site as Linux and as the plain files; errors at the same line:column;
#   8. the watcher (`serve`): an edited title, an added and a deleted meeting reach the
#      served pages (polled, with a timeout);
#   9. `build` while another program holds public/ (tests/wine/hold.c): a file open as a
#      browser tab or a locking viewer has it, Explorer showing the folder, a Command Prompt
#      `cd`-ed into it. See the note there on what Wine does differently from Windows;
#  10. Thai in a console with code page 437, 874 (Thai Windows) and 65001;
#  11. the editor (`serve` on a loopback port): a new meeting and an edit of a hand-written
#      file (CRLF, BOM, comments, quoting) saved as edit.js saves them (the form's fields,
#      the token from the page's meta, a same-origin Origin; tests/wine/editor_form.py):
#      the files on disk are those the Linux build writes for the same requests, byte for
#      byte, and the edit changes only the edited line.
# prongsai.exe comes from scripts/dist.sh (made here if missing); the Linux binary from
# `cargo build --release`. Wine 8 lacks bcryptprimitives.dll, which Rust's std needs for
# ProcessPrng: tests/wine/bcryptprimitives.c is built with mingw and put beside the exe.
# Waits poll with timeouts, never a fixed sleep for something to happen.
# Prints 'N passed, N failed' and exits non-zero on any failure; its folder
# (target/wine-test) is kept for a failure's logs and removed when all pass.
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
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
zip=$repo/dist/prongsai-$version-windows-x86_64.zip
[[ -f $exe && -f $zip ]] || bash scripts/dist.sh --windows-only || exit 2
[[ -x $linux ]] || cargo build --release --locked || exit 2

rm -rf "$work"
mkdir -p "$work/bin" "$work/empty"
cp "$exe" "$work/bin/"
x86_64-w64-mingw32-gcc -O2 -shared -o "$work/bin/bcryptprimitives.dll" tests/wine/bcryptprimitives.c -ladvapi32 || exit 2
x86_64-w64-mingw32-gcc -O2 -municode -o "$work/bin/hold.exe" tests/wine/hold.c || exit 2
# Thai names in arguments and paths pass through Wine by the locale's charset.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
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

# Runs "$@" every 0.1 s until it succeeds or $1 seconds have passed.
poll() {
    local end=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < end)) || return 1
        sleep 0.1
    done
}
url_in() { [[ -f $1 ]] && url=$(tr -d '\r' <"$1" | sed -n 's/^เปิดดูที่ //p' | head -1) && [[ -n $url ]]; }
# A page whose text has $2. Fetched whole before grep: `curl | grep -q` fails under
# pipefail whenever grep stops reading first.
has() {
    local page
    page=$(curl -fsS --max-time 5 "$1" 2>/dev/null) && grep -qF -- "$2" <<<"$page"
}

# Starts $prog (the program by default) under Wine in $1 with the arguments after $2 (the
# log), and waits for the URL it serves at: sets server and url.
start_server() {
    local dir=$1 log=$2
    shift 2
    (cd "$dir" && exec wine "${prog:-$win}" "$@") </dev/null >/dev/null 2>"$log" &
    server=$! url=""
    poll 30 url_in "$log"
}
stop_server() {
    kill "$server" 2>/dev/null
    wait "$server" 2>/dev/null
}

# Starts a server, fetches its URL; $1 names the check.
serves() {
    local what=$1 dir=$2 log=$3
    shift 3
    start_server "$dir" "$log" "$@"
    if [[ -n $url ]] && has "$url" '<html'; then
        ok "$what answers at $url"
    else
        bad "$what: no answer (url '$url'; target/wine-test/$(basename "$log"))"
    fi
    stop_server
}

site_copy() { mkdir -p "$1" && cp -r "$repo/site.yaml" "$repo/content" "$repo/static" "$1/"; }

# 3. serve
serves "serve" "$work" "$work/serve.txt" serve --port 0 --root "$(winpath "$repo")"

# 4. the zip: its layout, its program and guide; no arguments next to site.yaml, and in
# the zip's own folder (no site.yaml: the "create a website" page)
zd=$work/zip
rm -rf "$zd" && mkdir -p "$zd"
while IFS= read -r line; do
    case $line in ok:\ *) ok "${line#ok: }" ;; *) bad "${line#FAILED: }" ;; esac
done < <(python3 tests/wine/zip_layout.py "$zip" "$zd" "$repo" "$version" 2>&1)
top=$zd/prongsai-$version-windows-x86_64
if cmp -s "$top/prongsai.exe" "$exe"; then
    ok "zip: its prongsai.exe is the one built (target/dist)"
else
    bad "zip: its prongsai.exe is not target/dist's (a stale dist/? run scripts/dist.sh)"
fi
# Wine 8's missing DLL, as beside every copy of the program here.
cp "$work/bin/bcryptprimitives.dll" "$top/"
wine "$top/prongsai.exe" guide-html "$(winpath "$work/guide-windows.html")" >/dev/null 2>"$work/guide-windows.txt"
if cmp -s "$work/guide-windows.html" "$top/คู่มือ.html"; then
    ok "zip: prongsai.exe guide-html writes the zip's คู่มือ.html byte for byte"
else
    bad "zip: prongsai.exe guide-html differs from the zip's คู่มือ.html (target/wine-test/guide-windows.txt)"
fi
site_copy "$work/site"
serves "double-click in a site folder" "$work/site" "$work/start.txt"
# Explorer starts a double-clicked program in its own folder.
(cd "$top" && PRONGSAI_NO_BROWSER=1 exec wine "$top/prongsai.exe") </dev/null >/dev/null 2>"$work/start-empty.txt" &
server=$!
create_url() {
    [[ -f $work/start-empty.txt ]] || return 1
    url=$(tr -d '\r' <"$work/start-empty.txt" | sed -n 's/^สร้างเว็บไซต์ใหม่ในโฟลเดอร์นี้ได้ที่หน้า \([^ ]*\).*/\1/p' | head -1)
    [[ -n $url ]]
}
url=""
if poll 30 create_url && has "$url" 'สร้างเว็บไซต์'; then
    origin=${url%%/__prongsai/*}
    curl -fsS --max-time 5 "$url" >"$work/create.html"
    token=$(sed -n 's/.*name="token" value="\([0-9a-f]*\)".*/\1/p' "$work/create.html")
    if grep -qF 'เปิดเว็บไซต์ตัวอย่าง' "$work/create.html" && grep -qF 'ตัวอย่าง</span>' "$work/create.html"; then
        ok "double-click in the zip's folder: the create page names the example beside it"
    else
        bad "the create page does not name the example folder (target/wine-test/create.html)"
    fi
    # The form as the browser posts it: the token in its hidden field, this page's Origin.
    status=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H "Origin: $origin" \
        --data-urlencode "token=$token" --data-urlencode 'organization=อบต.ทดสอบ' \
        --data-urlencode 'year=2569' "$url")
    if [[ $status == 303 ]] && grep -q 'อบต.ทดสอบ' "$top/site.yaml" 2>/dev/null &&
        poll 30 has "$origin/__prongsai/edit/" 'ตัวแก้ไขเว็บไซต์'; then
        ok "double-click in the zip's folder: the create page wrote site.yaml, the editor answers at $origin"
    else
        bad "create page: POST $status (target/wine-test/start-empty.txt, zip/…/site.yaml)"
    fi
else
    bad "double-click in the zip's folder: no create page (url '$url'; target/wine-test/start-empty.txt)"
fi
stop_server

# 5. the example one double-click away: the zip's .bat starts the program there (and the
# example is served, not the site just created beside the program).
(cd "$top/ตัวอย่าง" && PRONGSAI_NO_BROWSER=1 exec wine cmd /c 'เปิดเว็บไซต์ตัวอย่าง.bat') \
    </dev/null >/dev/null 2>"$work/start-bat.txt" &
server=$! url=""
if poll 30 url_in "$work/start-bat.txt" && has "$url" 'องค์การบริหารส่วนตำบลหนองกง'; then
    ok "the zip's .bat serves the example at $url"
else
    bad "the zip's .bat: no answer with the example (target/wine-test/start-bat.txt)"
fi
stop_server

# 6. a site in a folder named in Thai, with spaces (as Windows users name folders)
thai="$work/เว็บ อบต หนองกง"
site_copy "$thai"
"$linux" build --root "$thai" --output "$work/out-thai-linux" >/dev/null 2>&1
(cd "$thai" && wine "$win" build) >/dev/null 2>"$work/build-thai.txt"
code=$?
if [[ $code == 0 ]] && diff -r "$work/out-thai-linux" "$thai/public" >"$work/build-thai.diff"; then
    ok "Thai folder with spaces: build identical to Linux ($(find "$thai/public" -type f | wc -l) files)"
else
    bad "Thai folder with spaces: exit $code (target/wine-test/build-thai.diff, build-thai.txt)"
fi
# The program unzipped into that folder and started from elsewhere (a shortcut): it finds
# the site beside itself.
cp "$work/bin/prongsai.exe" "$work/bin/bcryptprimitives.dll" "$thai/"
prog="$thai/prongsai.exe" serves "double-click of the program in the Thai folder" "$work/empty" "$work/start-thai.txt"

# 7. Notepad's files: CRLF and a UTF-8 BOM everywhere, one meeting in UTF-16 LE ("Unicode")
np=$work/notepad
site_copy "$np"
while IFS= read -r -d '' f; do
    { printf '\xef\xbb\xbf'; sed 's/$/\r/' "$f"; } >"$f.np" && mv "$f.np" "$f"
done < <(find "$np/content" "$np/site.yaml" -name '*.md' -print0 -o -name site.yaml -print0)
u=$(find "$np/content" -name '*.md' | sort | head -1)
{ printf '\xff\xfe'; tail -c +4 "$u" | iconv -f UTF-8 -t UTF-16LE; } >"$u.np" && mv "$u.np" "$u"
"$linux" build --root "$np" --output "$work/out-np-linux" >/dev/null 2>&1
wine "$win" build --root "$(winpath "$np")" --output "$(winpath "$work/out-np-windows")" >/dev/null 2>"$work/build-np.txt"
if [[ -d $work/out-np-windows ]] && diff -r "$work/out-np-linux" "$work/out-np-windows" >"$work/build-np.diff" &&
    diff -r "$work/out-linux" "$work/out-np-windows" >>"$work/build-np.diff"; then
    ok "Notepad files (CRLF, BOM, UTF-16): the same site as Linux and as the plain files"
else
    bad "Notepad files: builds differ (target/wine-test/build-np.diff)"
fi
# An error after Thai text (the column counts characters), in each of the three forms.
nb=$work/notepad-broken
mkdir -p "$nb/content/2567"
cp "$repo/site.yaml" "$nb/"
broken='---\ntitle: ประชุมประจำเดือน: ครั้งที่ 1: ปี 2567\ndate: 2567-03-15\nvenue: ห้องประชุม\n---\n\nเนื้อหา\n'
printf -- "$broken" >"$nb/content/2567/2567-03-15-lf.md"
{ printf '\xef\xbb\xbf'; printf -- "$broken" | sed 's/$/\r/'; } >"$nb/content/2567/2567-03-15-crlf.md"
{ printf '\xff\xfe'; printf -- "$broken" | sed 's/$/\r/' | iconv -f UTF-8 -t UTF-16LE; } \
    >"$nb/content/2567/2567-03-15-utf16.md"
(cd "$nb" && "$linux" check) >/dev/null 2>"$work/check-np-linux.txt"
lc=$?
(cd "$nb" && wine "$win" check) >/dev/null 2>"$work/check-np-windows.txt"
wc=$?
places=$(grep -o '[a-z0-9]*\.md:[0-9]*:[0-9]*' "$work/check-np-linux.txt" | sed 's/.*\.md://' | sort -u)
if [[ $lc == 1 && $wc == 1 && $(grep -c '\.md:2:24:' "$work/check-np-linux.txt") == 3 && $places == 2:24 ]] &&
    tr -d '\r' <"$work/check-np-windows.txt" | diff "$work/check-np-linux.txt" - >/dev/null; then
    ok "Notepad files with an error: the same text as Linux, at 2:24 in LF, CRLF+BOM and UTF-16"
else
    bad "Notepad errors differ: exit $lc vs $wc (target/wine-test/check-np-linux.txt, check-np-windows.txt)"
fi

# 8. the watcher: edits saved in place, as Notepad saves
gone() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1") == 404 ]]; }
wt=$work/watch
site_copy "$wt"
meeting=$wt/content/2568/2568-01-20-forest-fire-2568.md
start_server "$wt" "$work/watch.txt" serve --port 0
page=${url}2568/forest-fire-2568/
added=${url}2568/watch-added-2568/
if [[ -z $url ]] || ! has "$page" "ไฟป่า"; then
    bad "watcher: the server did not start or the meeting page is missing (target/wine-test/watch.txt)"
else
    sed 's/^title: .*/title: ชื่อที่แก้แล้ว จากการเฝ้าดูไฟล์/' "$meeting" >"$work/edited.md"
    cat "$work/edited.md" >"$meeting"
    t=$SECONDS
    if poll 30 has "$page" "ชื่อที่แก้แล้ว จากการเฝ้าดูไฟล์"; then
        ok "watcher: an edited title is served within $((SECONDS - t))s"
    else
        bad "watcher: the edited title was not served in 30s (target/wine-test/watch.txt)"
    fi
    sed 's/^slug: .*/slug: watch-added-2568/; s/^title: .*/title: การประชุมที่เพิ่มใหม่/' "$work/edited.md" \
        >"$wt/content/2568/2568-01-21-watch-added.md"
    t=$SECONDS
    if poll 30 has "$added" "การประชุมที่เพิ่มใหม่"; then
        ok "watcher: an added meeting is served within $((SECONDS - t))s"
    else
        bad "watcher: the added meeting was not served in 30s (target/wine-test/watch.txt)"
    fi
    rm "$wt/content/2568/2568-01-21-watch-added.md"
    t=$SECONDS
    if poll 30 gone "$added"; then
        ok "watcher: a deleted meeting is gone (404) within $((SECONDS - t))s"
    else
        bad "watcher: the deleted meeting is still served after 30s (target/wine-test/watch.txt)"
    fi
fi
stop_server

# 9. build while another program holds public/ or a file in it.
# What Wine does differently: Windows (NTFS) refuses to rename a folder while any file in
# it is open, whatever the sharing; Wine 8 renames it (checked: tests/wine/hold.c holding
# public/index.html, then MoveFileExW of public/). So here the "rwd", "r" and "dir" holds
# let the swap go through and only the old site's removal meets the held file (which
# Windows also refuses, for a file opened without FILE_SHARE_DELETE): the build must
# succeed with the new site in place and leave the leftover for a later build. On Windows
# the same holds make the first rename fail, which takes the path that "cwd" takes here:
# a folder that is a program's current folder is held without FILE_SHARE_DELETE, which
# Wine does enforce. That path (src/write.rs: retried for about 1.3 s, then a Thai error
# naming what is held, the old site whole) is what is checked with "cwd".
hd=$work/held
site_copy "$hd"
(cd "$hd" && wine "$win" build) >/dev/null 2>&1
holds=()
hold() { # path, how, flag: returns once the path is held
    rm -f "$3"
    wine "$work/bin/hold.exe" "$(winpath "$1")" "$2" "$(winpath "$3")" >/dev/null 2>>"$work/hold.txt" &
    holds+=($!)
    poll 30 test -f "$3"
}
release() {
    rm -f "$work"/flag-*
    wait "${holds[@]}" 2>/dev/null
    holds=()
}
n=0
edit_held() { # a new title, so that the new site differs from the old; the Linux build of it
    n=$((n + 1))
    sed -i "s/^title: .*/title: ชื่อใหม่ครั้งที่ $n/" "$hd/content/2568/2568-01-20-forest-fire-2568.md"
    rm -rf "$work/held-linux"
    "$linux" build --root "$hd" --output "$work/held-linux" >/dev/null 2>&1
}
for how in rwd r dir; do
    edit_held
    what=$hd/public/index.html
    [[ $how == dir ]] && what=$hd/public
    if ! hold "$what" "$how" "$work/flag-1"; then
        bad "hold.exe could not hold $what ($how; target/wine-test/hold.txt)"
        release
        continue
    fi
    (cd "$hd" && wine "$win" build) >/dev/null 2>"$work/held-$how.txt"
    code=$?
    left=$(ls -a "$hd" | grep -c 'prongsai-')
    if [[ $code == 0 ]] && diff -r "$work/held-linux" "$hd/public" >/dev/null; then
        ok "build while public/ is held ($how): the new site is in place ($left leftover for a later build)"
    else
        bad "build while public/ is held ($how): exit $code (target/wine-test/held-$how.txt)"
    fi
    release
done
edit_held
rm -rf "$work/held-before"
cp -r "$hd/public" "$work/held-before"
hold "$hd/public" cwd "$work/flag-1" && hold "$hd/public/index.html" r "$work/flag-2"
held=$?
(cd "$hd" && wine "$win" build) >/dev/null 2>"$work/held-cwd.txt"
code=$?
tr -d '\r' <"$work/held-cwd.txt" >"$work/held-cwd-lf.txt"
if [[ $held == 0 && $code == 2 ]] && diff -r "$work/held-before" "$hd/public" >/dev/null &&
    grep -qF 'เพราะโปรแกรมอื่นเปิด .\public, .\public\index.html อยู่' "$work/held-cwd-lf.txt" &&
    grep -qF 'เว็บไซต์เดิมยังอยู่ครบทุกไฟล์: ปิดโปรแกรมนั้นแล้วสร้างเว็บไซต์อีกครั้ง' "$work/held-cwd-lf.txt" &&
    ! ls -a "$hd" | grep -q 'prongsai-new-'; then
    ok "build while public/ is a Command Prompt's folder: exit 2, old site whole, says what is held"
else
    bad "build with public/ held as a current folder: exit $code (target/wine-test/held-cwd-lf.txt)"
fi
release
(cd "$hd" && wine "$win" build) >/dev/null 2>"$work/held-after.txt"
code=$?
if [[ $code == 0 ]] && diff -r "$work/held-linux" "$hd/public" >/dev/null && ! ls -a "$hd" | grep -q 'prongsai-'; then
    ok "build once released: the new site, and no leftover beside it"
else
    bad "build after release: exit $code, leftovers: $(ls -a "$hd" | grep prongsai- | tr '\n' ' ')"
fi

# 10. Thai in a console. Rust's std writes to a console with WriteConsoleW (UTF-16), so
# the code page does not matter; a program writing UTF-8 bytes (here `type` of a UTF-8
# file) shows mojibake in 437 and 874, which proves this console converts. What Wine
# cannot show: which font a real Windows console draws Thai with.
(cd "$nb" && "$linux" check) >/dev/null 2>"$work/console-linux.txt"
printf 'ข้อความภาษาไทย UTF-8\r\n' >"$work/utf8.txt"
for cp in 437 874 65001; do
    printf '@chcp %s >nul\r\n@cd /d "%s"\r\n@"%s" check\r\n@type "%s"\r\n' \
        "$cp" "$(winpath "$nb")" "$(winpath "$win")" "$(winpath "$work/utf8.txt")" >"$work/console-$cp.bat"
    # script gives Wine a terminal; it ends with the command, its input stays open till then.
    # Now and then Wine's launcher fails to start cmd at all ("ShellExecuteEx failed", for
    # code page 437 once in five runs here): that is Wine, not the program, so once more.
    for try in 1 2; do
        exec {keep}< <(exec sleep 120)
        keeper=$!
        (cd "$work" && timeout 60 script -qec "wine cmd /c console-$cp.bat" /dev/null <&$keep) >"$work/console-$cp.txt" 2>&1
        exec {keep}<&-
        kill "$keeper" 2>/dev/null
        grep -q 'ShellExecuteEx failed' "$work/console-$cp.txt" || break
    done
    # The console's escape sequences and its wrapping at 80 columns taken out.
    seen=$(sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1b\][^\x07]*\x07//g' "$work/console-$cp.txt" | tr -d '\r\n')
    want=$(tr -d '\n' <"$work/console-linux.txt")
    raw=garbled
    [[ $seen == *'ข้อความภาษาไทย UTF-8'* ]] && raw=right
    expect=garbled
    [[ $cp == 65001 ]] && expect=right
    if [[ $seen == *"$want"* && $raw == "$expect" ]]; then
        ok "console, code page $cp: Thai as on Linux (UTF-8 bytes from 'type': $raw)"
    else
        bad "console, code page $cp (target/wine-test/console-$cp.txt)"
    fi
done

# 11. the editor: the same saves through the Windows and the Linux program
hand='\xef\xbb\xbf---\r\n# เขียนเองด้วย Notepad\r\ntitle: '"'"'ประชุมประชาคมหมู่ 3'"'"'   # ชื่อ\r\ndate: 2567-10-21\r\nvenue: ศาลา\r\nslug: hand-written\r\ntopics:\r\n  - แผนพัฒนา\r\n\r\n  - "งบประมาณ"\r\nattendees:\r\n  - role: ประชาชน\r\n    count: 12\r\ndraft: false   # พร้อมเผยแพร่\r\n---\r\n\r\n## ผลจากการมีส่วนร่วม\r\n1. ข้อความ\r\n\r\n## การนำผลของการมีส่วนร่วมไปปรับปรุงพัฒนาการดำเนินงาน\r\nบรรจุในแผน\r\n'
hand_file=content/2568/2567-10-21-hand.md
new_file=content/2568/2567-12-20-wine-editor.md
cat >"$work/new-changes.json" <<'JSON'
{"fields": {"title": "ประชุมทดสอบตัวแก้ไข", "date": "วันศุกร์ที่ 20 ธันวาคม 2567", "venue": "ห้องประชุม อบต.",
  "slug": "wine-editor", "topics": ["แผนพัฒนาท้องถิ่น", "งบประมาณ"],
  "attendees": [{"role": "ประชาชน", "count": "12"}, {"role": "สมาชิกสภา", "count": "5"}, {"role": "ผู้นำชุมชน", "count": "3"}],
  "draft": false},
 "body": "## ผลจากการมีส่วนร่วม\n\n1. ที่ประชุมเสนอ 3 โครงการ\n\n## การนำผลของการมีส่วนร่วมไปปรับปรุงพัฒนาการดำเนินงาน\n\nบรรจุในแผนพัฒนา\n"}
JSON
echo '{"fields": {"venue": "ห้องประชุม อบต. ชั้น 2"}}' >"$work/hand-changes.json"
# GETs the form (of file $2, or a new meeting), reads the token from its meta, POSTs the
# save request edit.js would send with changes $3 to origin $1; the answer in $4.
editor_save() {
    local q=""
    [[ -n $2 ]] && q="?file=$2"
    curl -fsS --max-time 20 "$1/__prongsai/edit/meeting$q" >"$4.form.html" || return 1
    token=$(sed -n 's/.*<meta name="prongsai-token" content="\([0-9a-f]*\)".*/\1/p' "$4.form.html" | head -1)
    python3 tests/wine/editor_form.py "$4.form.html" "$3" >"$4.request" || return 1
    local status
    status=$(curl -sS --max-time 30 -o "$4" -w '%{http_code}' -H "Origin: $1" -H "X-Prongsai-Token: $token" \
        -H 'Content-Type: application/json' --data-binary "@$4.request" "$1/__prongsai/edit/save")
    [[ $status == 200 && -n $token ]]
}
# The example site with the hand-written file, served by $1 (linux|windows); both saves.
editor_run() {
    local who=$1 dir=$work/editor-$1 log=$work/editor-$1.txt
    site_copy "$dir"
    printf "$hand" >"$dir/$hand_file"
    if [[ $who == linux ]]; then
        (cd "$dir" && exec "$linux" serve --port 0) </dev/null >/dev/null 2>"$log" &
        server=$! url=""
        poll 30 url_in "$log"
    else
        start_server "$dir" "$log" serve --port 0
    fi
    if [[ -z $url ]]; then
        bad "editor ($who): serve did not start (target/wine-test/editor-$who.txt)"
        stop_server
        return
    fi
    local origin
    origin=$(sed -E 's#^(http://[^/]+).*#\1#' <<<"$url")
    if [[ $who == windows ]]; then
        # The locks hold under Wine too: no token, nothing written.
        local status
        status=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H "Origin: $origin" \
            -H 'Content-Type: application/json' --data '{"file":null,"hash":"","form":{"fields":{"title":"x"}}}' \
            "$origin/__prongsai/edit/save")
        if [[ $status == 403 ]]; then
            ok "editor (windows): a save without the page's token is refused (403)"
        else
            bad "editor (windows): a save without the token answered $status"
        fi
    fi
    if editor_save "$origin" "" "$work/new-changes.json" "$work/editor-new-$who.json"; then
        # The save answers once the preview has the page.
        local page
        page=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$work/editor-new-$who.json")
        if [[ -f $dir/$new_file && -n $page ]] && has "$origin$page" 'ประชุมทดสอบตัวแก้ไข'; then
            ok "editor ($who): a new meeting saved as $new_file and served at $page"
        else
            bad "editor ($who): the new meeting is not at $new_file or its page (target/wine-test/editor-new-$who.json)"
        fi
    else
        bad "editor ($who): saving a new meeting failed (target/wine-test/editor-new-$who.json)"
    fi
    if ! editor_save "$origin" "$hand_file" "$work/hand-changes.json" "$work/editor-hand-$who.json"; then
        bad "editor ($who): saving the hand-written file failed (target/wine-test/editor-hand-$who.json)"
    fi
    stop_server
}
editor_run linux
editor_run windows
if [[ -f $work/editor-windows/$new_file ]] && cmp -s "$work/editor-linux/$new_file" "$work/editor-windows/$new_file"; then
    ok "editor: the new meeting written under Wine is the Linux one byte for byte ($(wc -c <"$work/editor-windows/$new_file") bytes)"
else
    bad "editor: the new meeting differs from Linux (target/wine-test/editor-{linux,windows}/$new_file)"
fi
printf "${hand/venue: ศาลา/venue: ห้องประชุม อบต. ชั้น 2}" >"$work/hand-expected.md"
if cmp -s "$work/hand-expected.md" "$work/editor-linux/$hand_file" &&
    cmp -s "$work/hand-expected.md" "$work/editor-windows/$hand_file"; then
    ok "editor: the hand-written CRLF file edited under Wine as on Linux: only the venue line changed"
else
    bad "editor: the hand-written file after the edit (target/wine-test/hand-expected.md, editor-{linux,windows}/$hand_file)"
fi

wineserver -k 2>/dev/null
echo "wine: $passed passed, $failed failed in ${SECONDS}s"
# The logs are for a failure; the prefix and the copies of sites are large.
[[ $failed == 0 ]] && rm -rf "$work"
[[ $failed == 0 ]]
