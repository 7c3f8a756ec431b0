#!/usr/bin/env bash
# Benchmarks of prongsai against its own floor and Hugo, on generated sites on tmpfs.
# See BENCHMARKS.md for what each figure means and the figures of the last run.
#
#   scripts/bench.sh                      1,000 and 10,000 meetings, every measure
#   SIZES=1000 scripts/bench.sh           one size only
#   RUNS_SMALL=10 RUNS_LARGE=5 EDITS=40 HUGO=0 scripts/bench.sh
#
# Needs python3, hyperfine and /usr/bin/time (Debian: apt-get install hyperfine time);
# Hugo is compared when `hugo` is on the PATH (apt-get install hugo). Everything is
# written under $BENCH_DIR (default /dev/shm/prongsai-bench, a tmpfs: on this kind of
# machine creating and deleting 10,000 folders on disk costs seconds and varies wildly,
# which would measure the disk, not the generators).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
SIZES=${SIZES:-"1000 10000"}
RUNS_SMALL=${RUNS_SMALL:-10}   # runs per figure at 1,000 meetings
RUNS_LARGE=${RUNS_LARGE:-5}    # runs per figure at 10,000 meetings
EDITS=${EDITS:-30}             # timed edits of each kind
RSS_RUNS=${RSS_RUNS:-3}        # runs under /usr/bin/time for peak memory
HUGO=${HUGO:-1}
BENCH_DIR=${BENCH_DIR:-/dev/shm/prongsai-bench}
# The corpus generator: `gen_corpus.py OUT N [--site-only]` writes N deterministic meetings
# (and, without --site-only, Hugo and Zola sites over them, from bench-corpus/engines/).
GEN=${GEN:-$REPO/scripts/bench-corpus/gen_corpus.py}

for tool in python3 hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench.sh: $tool is missing (apt-get install hyperfine time python3)" >&2; exit 2; }
done
if [ "$HUGO" = 1 ] && ! command -v hugo >/dev/null; then
  echo "bench.sh: hugo not found, comparing without it (apt-get install hugo)" >&2
  HUGO=0
fi
mkdir -p "$BENCH_DIR"
fs=$(stat -f -c %T "$BENCH_DIR")
[ "$fs" = tmpfs ] || echo "bench.sh: warning: $BENCH_DIR is on $fs, not tmpfs: figures will measure the disk" >&2

echo "== building prongsai, the floor and the edit bench (release)" >&2
cargo build --release --locked --bin prongsai --example floor --example edit >&2
BIN=$REPO/target/release/prongsai
FLOOR=$REPO/target/release/examples/floor
EDIT=$REPO/target/release/examples/edit
R=$BENCH_DIR/results
rm -rf "$R"; mkdir -p "$R"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo ' (with uncommitted changes)')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), nproc $(nproc)"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  echo "bench dir: $BENCH_DIR ($fs)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "rustc: $(rustc --version)"
  echo "hyperfine: $(hyperfine --version)"
  [ "$HUGO" = 1 ] && echo "hugo: $(hugo version | cut -d' ' -f1-2)"
} > "$R/machine.txt"
cat "$R/machine.txt" >&2

# hyperfine NAME RUNS PREPARE COMMAND: a figure, its runs in $R/NAME.json
bench() {
  local name=$1 runs=$2 prepare=$3 cmd=$4
  echo "== $name" >&2
  hyperfine --style basic --warmup 1 --runs "$runs" --prepare "$prepare" --export-json "$R/$name.json" "$cmd" >&2
}

# rss NAME PREPARE COMMAND: peak resident memory (KB) of RSS_RUNS runs in $R/NAME.rss
rss() {
  local name=$1 prepare=$2 cmd=$3
  : > "$R/$name.rss"
  for _ in $(seq "$RSS_RUNS"); do
    bash -c "$prepare"
    /usr/bin/time -f '%M' -o "$R/$name.rss" -a bash -c "exec $cmd >/dev/null 2>&1"
  done
}

for n in $SIZES; do
  runs=$RUNS_SMALL; [ "$n" -ge 5000 ] && runs=$RUNS_LARGE
  S=$BENCH_DIR/site$n; E=$BENCH_DIR/engines$n; O=$BENCH_DIR/out$n
  echo "== generating $n meetings" >&2
  python3 "$GEN" "$S" "$n" --site-only
  [ "$HUGO" = 1 ] && python3 "$GEN" "$E" "$n"
  if [ "$HUGO" = 1 ]; then
    # The same meetings for every engine (Hugo's copy adds only _index.md section files).
    diff -r -q -x _index.md "$S/content" "$E/content" >/dev/null || { echo "bench.sh: the two corpora differ" >&2; exit 1; }
  fi

  bench "floor1-$n" "$runs" "rm -rf $O" "$FLOOR $S $O 1"
  bench "floor2-$n" "$runs" "rm -rf $O" "$FLOOR $S $O 2"
  bench "clean-$n" "$runs" "rm -rf $O" "$BIN build --root $S --output $O"
  bench "clean1-$n" "$runs" "rm -rf $O" "env RAYON_NUM_THREADS=1 $BIN build --root $S --output $O"
  # The same build without its search index: what search costs.
  bench "nosearch-$n" "$runs" "rm -rf $O" "env PRONGSAI_BENCH_NO_SEARCH=1 $BIN build --root $S --output $O"
  # The output of the previous run is there: the build replaces it whole.
  bench "nochange-$n" "$runs" "true" "$BIN build --root $S --output $O"
  [ "$HUGO" = 1 ] && bench "hugo-$n" "$runs" "rm -rf $O $E/hugo/resources" "hugo --quiet --source $E/hugo --destination $O"
  # BEFORE=path/to/an/older/prongsai: the same clean build by another binary, for a before/after.
  [ -n "${BEFORE:-}" ] && bench "before-$n" "$runs" "rm -rf $O" "$BEFORE build --root $S --output $O"

  echo "== peak memory" >&2
  rss "floor2-$n" "rm -rf $O" "$FLOOR $S $O 2"
  rss "clean-$n" "rm -rf $O" "$BIN build --root $S --output $O"
  rss "nosearch-$n" "rm -rf $O" "env PRONGSAI_BENCH_NO_SEARCH=1 $BIN build --root $S --output $O"
  [ "$HUGO" = 1 ] && rss "hugo-$n" "rm -rf $O $E/hugo/resources" "hugo --quiet --source $E/hugo --destination $O"
  [ -n "${BEFORE:-}" ] && rss "before-$n" "rm -rf $O" "$BEFORE build --root $S --output $O"

  if command -v node >/dev/null; then
    echo "== what a search downloads (scripts/search-bytes.js)" >&2
    rm -rf "$O"; "$BIN" build --root "$S" --output "$O" >/dev/null 2>&1
    node scripts/search-bytes.js "$O" > "$R/search-bytes-$n.txt"
    tail -3 "$R/search-bytes-$n.txt" >&2
  fi
  echo "== one-meeting edits through the serve path ($EDITS of each kind)" >&2
  "$EDIT" "$S" "$EDITS" > "$R/edit-$n.txt"
  if [ -f scripts/measure-reload.py ]; then
    echo "== the real prongsai serve: save -> reload event -> page fetched" >&2
    python3 scripts/measure-reload.py --root "$S" --bin "$BIN" --edits "$EDITS" > "$R/serve-$n.txt" 2>&1 || true
    cat "$R/serve-$n.txt" >&2
  fi
  rm -rf "$O"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$R/machine.txt"

python3 - "$R" "$SIZES" "$HUGO" <<'PY' | tee "$R/table.md"
import json, os, statistics, sys
R, sizes, hugo = sys.argv[1], sys.argv[2].split(), sys.argv[3] == "1"
med = statistics.median
def times(name):
    p = os.path.join(R, name + ".json")
    return json.load(open(p))["results"][0]["times"] if os.path.exists(p) else None
def rss(name):
    p = os.path.join(R, name + ".rss")
    return med([int(l) for l in open(p) if l.strip()]) / 1024 if os.path.exists(p) else None
def edits(n):
    out = {}
    for line in open(os.path.join(R, f"edit-{n}.txt")):
        k, v = line.split()
        out.setdefault(k, []).append(float(v))
    return out
rows = [("floor1", "floor, 1 thread (walk, parse, Markdown, write)"),
        ("floor2", "floor, 2 threads"),
        ("clean", "prongsai build, clean (output removed)"),
        ("clean1", "prongsai build, clean, RAYON_NUM_THREADS=1"),
        ("nosearch", "prongsai build, clean, without the search index (PRONGSAI_BENCH_NO_SEARCH=1)"),
        ("nochange", "prongsai build, no change (replaces previous output)")]
if hugo:
    rows.append(("hugo", "hugo, clean"))
if os.path.exists(os.path.join(R, f"before-{sizes[0]}.json")):
    rows.append(("before", "prongsai before issue 6 ($BEFORE), clean"))
print("| figure | " + " | ".join(f"{n} meetings: median | ×floor(2 thr)" for n in sizes) + " |")
print("|---|" + "---:|---:|" * len(sizes))
base = {n: med(times(f"floor2-{n}")) for n in sizes}
for key, label in rows:
    cells = []
    for n in sizes:
        t = times(f"{key}-{n}")
        cells += ["–", "–"] if t is None else [f"{med(t)*1000:.0f} ms", f"{med(t)/base[n]:.2f}"]
    print(f"| {label} | " + " | ".join(cells) + " |")
for kind, label in [("nochange", "serve path: rebuild, nothing changed"), ("body", "serve path: one meeting's body edited"), ("front", "serve path: one meeting's title edited")]:
    cells = []
    for n in sizes:
        e = edits(n).get(kind)
        cells += ["–", "–"] if not e else [f"{med(e):.1f} ms", f"{med(e)/1000/base[n]:.3f}"]
    print(f"| {label} | " + " | ".join(cells) + " |")
def serve(n):
    p = os.path.join(R, f"serve-{n}.txt")
    if not os.path.exists(p):
        return None
    import re
    m = re.search(r"new page fetched\s+median\s+([0-9.]+) ms", open(p).read())
    return float(m.group(1)) if m else None
cells = []
for n in sizes:
    v = serve(n)
    cells += ["–", "–"] if v is None else [f"{v:.1f} ms", f"{v/1000/base[n]:.3f}"]
print("| real `prongsai serve`: title saved → new page fetched (watcher, SSE, HTTP) | " + " | ".join(cells) + " |")
for key, label in [("floor2", "peak memory, floor (2 threads)"), ("clean", "peak memory, prongsai build"), ("nosearch", "peak memory, prongsai build without the search index")] + ([("hugo", "peak memory, hugo")] if hugo else []) + [("before", "peak memory, prongsai before issue 6")]:
    if rss(f"{key}-{sizes[0]}") is None:
        continue
    cells = []
    for n in sizes:
        m = rss(f"{key}-{n}")
        cells += ["–", "–"] if m is None else [f"{m:.0f} MB", f"{m/rss(f'floor2-{n}'):.1f}"]
    print(f"| {label} | " + " | ".join(cells) + " |")
print()
for n in sizes:
    c, f2, f1 = med(times(f"clean-{n}")), base[n], med(times(f"floor1-{n}"))
    line = f"{n}: prongsai/floor(2 thr) {c/f2:.2f}, prongsai/floor(1 thr) {c/f1:.2f}"
    if times(f"nosearch-{n}"):
        line += f", with/without search {c/med(times(f'nosearch-{n}')):.2f}"
    if hugo:
        line += f", hugo/prongsai {med(times(f'hugo-{n}'))/c:.2f}"
    e = edits(n)
    line += f"; edits p90 body {sorted(e['body'])[int(len(e['body'])*0.9)-1]:.1f} ms, front {sorted(e['front'])[int(len(e['front'])*0.9)-1]:.1f} ms"
    print(line + "  ")
if len(sizes) >= 2:
    a, b = sizes[0], sizes[-1]
    k = int(b) / int(a)
    print(f"growth {a} → {b} meetings (×{k:g}): " + ", ".join(
        f"{key} ×{med(times(f'{key}-{b}'))/med(times(f'{key}-{a}')):.1f}" for key in ["floor2", "clean", "nochange"] + (["hugo"] if hugo else [])))
PY
echo "(raw runs in $R; machine in $R/machine.txt)" >&2
