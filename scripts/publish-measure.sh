#!/usr/bin/env bash
# Measures `prongsai publish` on a generated site (not a test: figures for the notes).
#   bash scripts/publish-measure.sh [N_MEETINGS]   (default 10000; as root, for sshd)
# For each of a folder, FTP (pyftpdlib) and SFTP (OpenSSH's sshd), both on local ports:
# the first publish and a publish after one meeting's body is edited (files and bytes
# sent, seconds). Then faults, each followed by a rerun: a publish killed midway (FTP), the
# line cut by a proxy after 200 kB (FTP), the host's disk full (a folder on a small tmpfs).
# After each, what the host holds: files equal to the new build, to the old one, other
# (must be 0), temporary files; after the rerun, whether it equals the build + manifest.
# The corpus and the servers' folders go in /dev/shm (memory, removed at the end), so the
# figures are prongsai's and the protocols', not the disk's; the load average is printed
# beside them, since the machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
n=${1:-10000}
bin=${PRONGSAI:-$repo/target/release/prongsai}
[[ -x $bin ]] || cargo build --release --locked
shm=/dev/shm
[[ -d $shm && -w $shm ]] || shm=${TMPDIR:-/tmp}
work=$(mktemp -d "$shm/publish-measure.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  mountpoint -q "$work/small" 2>/dev/null && umount -l "$work/small"
  rm -rf "$work"
}
trap cleanup EXIT
export PRONGSAI_PUBLISH_PASSWORD=pw
say() { printf '%s\n' "$*"; }

python3 scripts/bench-corpus/gen_corpus.py "$work/site" "$n" --site-only >/dev/null
site=$work/site
one=$(find "$site/content" -name '*.md' | sort | sed -n "$((n / 2))p")

# --- servers ------------------------------------------------------------------------
mkdir -p "$work/ftp" "$work/sftp" "$work/folder"
/usr/bin/python3 -c '
import sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.servers import FTPServer
from pyftpdlib.handlers import FTPHandler
a = DummyAuthorizer(); a.add_user("web", "pw", sys.argv[1], perm="elradfmwMT")
FTPHandler.authorizer = a
s = FTPServer(("127.0.0.1", 0), FTPHandler)
print(s.socket.getsockname()[1], flush=True)
s.serve_forever()' "$work/ftp" >"$work/ftp.port" 2>/dev/null &
pids+=($!)
ssh-keygen -q -t ed25519 -N '' -f "$work/host"
ssh-keygen -q -t ed25519 -N '' -f "$work/client"
cp "$work/client.pub" "$work/authorized_keys"
sport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $sport
HostKey $work/host
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
StrictModes no
UsePAM no
PidFile $work/sshd.pid
Subsystem sftp internal-sftp
EOF
mkdir -p /run/sshd
/usr/sbin/sshd -D -e -f "$work/sshd_config" 2>/dev/null &
pids+=($!)
sleep 1
fport=$(head -1 "$work/ftp.port")
hostkey=$(ssh-keygen -lf "$work/host.pub" | awk '{print $2}')
printf 'publish:\n  key: %s\n  host_key: %s\n' "$work/client" "$hostkey" >>"$site/site.yaml"

# --- one publish, its figures ------------------------------------------------------
publish() { # label, target, extra args...
  local label=$1 to=$2
  shift 2
  local t0 t1 rc=0
  t0=$(date +%s.%N)
  "$bin" publish --root "$site" --to "$to" "$@" >"$work/out" 2>"$work/err" || rc=$?
  t1=$(date +%s.%N)
  local done
  done=$(grep -E '^ส่งเว็บไซต์ไปที่|^error' "$work/err" | tail -1 || true)
  say "$label: exit $rc, $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s wall (build included); $done"
  say "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
built() { # the build now, into $1
  rm -rf "$1"
  "$bin" build --root "$site" --output "$1" >/dev/null 2>&1
}
held() { # what folder $1 holds against old $2 and new $3
  python3 - "$1" "$2" "$3" <<'EOF'
import hashlib, os, sys
def tree(d):
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, d)] = hashlib.sha256(open(p, 'rb').read()).hexdigest()
    return out
host, old, new = (tree(d) for d in sys.argv[1:4])
tmp = [p for p in host if p.endswith('.prongsai-tmp')]
files = {p: h for p, h in host.items() if p != '.prongsai-manifest.json' and p not in tmp}
n = sum(1 for p, h in files.items() if new.get(p) == h)
o = sum(1 for p, h in files.items() if new.get(p) != h and old.get(p) == h)
other = len(files) - n - o
missing = len([p for p in new if p not in files])
equal = files == new
print(f"  host: {n} files new, {o} old, {other} neither, {len(tmp)} temporary, {missing} of the build absent; equals the build: {equal}")
EOF
}

# The destination of kind $1: the URL to publish to ($to) and the folder it lands in ($dir).
dest() {
  case $1 in
    folder) to=$work/folder dir=$work/folder ;;
    ftp) to=ftp://web@127.0.0.1:$fport/ dir=$work/ftp ;;
    sftp) to=sftp://root@127.0.0.1:$sport$work/sftp dir=$work/sftp ;;
  esac
}

say "site: $n meetings; edited file: ${one#$site/}"
built "$work/b0"
say "build: $(find "$work/b0" -type f | wc -l) files, $(du -sb "$work/b0" | cut -f1) bytes"
for t in folder ftp sftp; do
  dest $t
  publish "$t first publish" "$to"
  held "$dir" "$work/b0" "$work/b0"
done
printf '\nเพิ่มเติม: ที่ประชุมขอให้ติดตามผลในเดือนถัดไป\n' >>"$one"
built "$work/b1"
for t in folder ftp sftp; do
  dest $t
  publish "$t after one meeting's body edited" "$to"
  grep -E '^ส่ง [0-9]+/' "$work/err" | sed 's/^/    /' | head -25
  held "$dir" "$work/b0" "$work/b1"
done

# --- faults (FTP), each then a rerun -------------------------------------------------
title() { sed -i "s/^title: .*/title: $1/" "$site/site.yaml"; }
title "ศูนย์ข้อมูล รอบที่หนึ่ง"
built "$work/b2"
"$bin" publish --root "$site" --to "ftp://web@127.0.0.1:$fport/" >"$work/out" 2>"$work/err" &
p=$!
# Killed once a third of the files are sent.
for _ in $(seq 3000); do
  total=$(grep -m1 -oE '^ส่ง 1/[0-9]+' "$work/err" 2>/dev/null | cut -d/ -f2 || true)
  [[ -n $total ]] && grep -q "^ส่ง $((total / 3))/" "$work/err" && break
  sleep 0.1
done
kill -9 $p 2>/dev/null || say "(the publish ended before it was killed: the site is too small)"
wait $p 2>/dev/null || true
say "FTP, every page changed ($total files), killed after $((total / 3)) files:"
held "$work/ftp" "$work/b1" "$work/b2"
publish "  rerun" "ftp://web@127.0.0.1:$fport/"
held "$work/ftp" "$work/b1" "$work/b2"

title "ศูนย์ข้อมูล รอบที่สอง"
built "$work/b3"
pport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$pport" "$fport" 200000 <<'EOF' &
# Forwards to the FTP server; the first control connection is cut after LIMIT bytes,
# every later one closed at once (a line that drops and stays down).
import socket, sys, threading
lport, fport, limit = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", lport)); ls.listen(8)
state = {"cut": False, "n": 0}
def pipe(a, b):
    try:
        while True:
            d = a.recv(4096)
            if not d: break
            state["n"] += len(d)
            if state["n"] > limit:
                state["cut"] = True; break
            b.sendall(d)
    except OSError: pass
    for s in (a, b):
        try: s.shutdown(socket.SHUT_RDWR)
        except OSError: pass
while True:
    c, _ = ls.accept()
    if state["cut"]:
        c.close(); continue
    s = socket.create_connection(("127.0.0.1", fport))
    threading.Thread(target=pipe, args=(c, s), daemon=True).start()
    threading.Thread(target=pipe, args=(s, c), daemon=True).start()
EOF
pids+=($!)
sleep 0.5
publish "FTP, every page changed, line cut after 200 kB of commands" "ftp://web@127.0.0.1:$pport/"
held "$work/ftp" "$work/b2" "$work/b3"
publish "  rerun" "ftp://web@127.0.0.1:$fport/"
held "$work/ftp" "$work/b2" "$work/b3"

# --- disk full (a folder on a tmpfs smaller than the site) ------------------------------
mkdir -p "$work/small"
size=$(du -sk "$work/b3" | cut -f1)
mount -t tmpfs -o size=$((size / 2))k tmpfs "$work/small"
publish "folder on a full disk (tmpfs of half the site)" "$work/small"
held "$work/small" "$work/b3" "$work/b3"
mount -o remount,size=$((size * 3))k "$work/small"
publish "  rerun after the disk grew" "$work/small"
held "$work/small" "$work/b3" "$work/b3"
