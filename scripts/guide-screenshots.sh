#!/usr/bin/env bash
# Makes the pictures of the guide's first chapter (docs/images/*.png) with headless
# Chromium against the program itself: the "create a website" page (the double-click in
# a folder without site.yaml), and the editor's list, a meeting form and the publish page
# on a copy of the example site. Run it after changing those pages, look at the pictures, and commit them;
# tests never write into docs/.
#
# Needs chromium and fonts-thai-tlwg (apt-get install -y chromium fonts-thai-tlwg).
# Usage: bash scripts/guide-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
out=$repo/docs/images
mkdir -p "$out"
chromium=$(command -v chromium || command -v chromium-browser) || { echo "no chromium" >&2; exit 2; }
cargo build --locked --quiet --bin prongsai
bin=$repo/target/debug/prongsai
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -INT "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Waits for "needle" in a log and prints the port of the first http://127.0.0.1:PORT on it.
port_of() { # log, needle
    for _ in $(seq 1 200); do
        if line=$(grep -m1 -- "$2" "$1"); then
            sed -n 's|.*http://127.0.0.1:\([0-9]*\).*|\1|p' <<<"$line"
            return
        fi
        sleep 0.1
    done
    echo "no '$2' in $1:" >&2
    cat "$1" >&2
    exit 1
}

shot() { # url, file, width, height
    # --timeout: the picture 3 s after loading, once the editor's first check has filled
    # the form's diagnostics (virtual time would wait forever on the editor's open
    # connection to the program).
    timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --lang=th-TH \
        --user-data-dir="$work/profile" --window-size="$3,$4" --timeout=3000 \
        --screenshot="$out/$2" "$1" 2>/dev/null
    echo "docs/images/$2"
}

# The create page: the program with no arguments in an empty folder.
mkdir "$work/เว็บไซต์-อบต"
(cd "$work/เว็บไซต์-อบต" && PRONGSAI_NO_BROWSER=1 exec "$bin" 2>"$work/create.log") &
pids+=($!)
port=$(port_of "$work/create.log" "สร้างเว็บไซต์ใหม่ในโฟลเดอร์นี้ได้ที่หน้า")
shot "http://127.0.0.1:$port/__prongsai/create/" create-site.png 1000 760

# The editor on a copy of the example site, drafts and all.
mkdir "$work/site"
cp -r site.yaml content static "$work/site/"
"$bin" serve --port 0 --root "$work/site" 2>"$work/serve.log" &
pids+=($!)
port=$(port_of "$work/serve.log" "ตัวแก้ไข: ")
shot "http://127.0.0.1:$port/__prongsai/edit/" editor-list.png 1000 760
meeting=$(cd "$work/site" && ls content/2569/*.md | grep -m1 budget-hearing)
shot "http://127.0.0.1:$port/__prongsai/edit/meeting?file=$meeting" editor-meeting.png 1000 1400

# The publish page, with a destination as an office would have it in site.yaml.
printf 'publish:\n  to: ftps://webmaster@www.nongkong.go.th/public_html/ita\n' >>"$work/site/site.yaml"
shot "http://127.0.0.1:$port/__prongsai/edit/deploy" editor-publish.png 1000 640
