#!/usr/bin/env bash
# Runs one libFuzzer target of fuzz/ (frontmatter, meeting, date, site) for SECONDS
# (default 600), niced, on one core, starting from the example site as seed corpus.
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain take them.
#   cargo install cargo-fuzz
#   bash scripts/fuzz.sh date 600
# A crash is saved under fuzz/artifacts/<target>/; copy it to tests/fuzz-regressions/<target>/
# so that `cargo test --test fuzz_regressions` replays it for good.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh frontmatter|meeting|date|site [seconds]}
secs=${2:-600}
seeds=fuzz/corpus/$target
mkdir -p "$seeds"
case $target in
  date)
    i=0
    for s in "2566-10-20" "2023-10-20" "20 ตุลาคม 2566" "20 ต.ค. 2566" "20 ต.ค. 66" "๒๐ ตุลาคม ๒๕๖๖" \
      "วันที่ 20 เดือนตุลาคม พ.ศ. 2566" "วันศุกร์ที่ 16 ตุลาคม 2563" "วันพฤหัสที่ 19 ต.ค. 66" "09.30 น." \
      "เวลา 09:30" "1,234" "๔๒" "29 ก.พ. 2543" "1 มกราคม ค.ศ. 2023"; do
      i=$((i + 1)); printf '%s' "$s" > "$seeds/seed-$i"
    done ;;
  meeting|frontmatter)
    find content -name '*.md' -exec cp {} "$seeds/" \; ;;
  site)
    python3 - "$seeds" <<'PY'
import glob, sys
out = sys.argv[1]
files = sorted(glob.glob('content/**/*.md', recursive=True))
site = open('site.yaml', encoding='utf-8').read()
for k in range(0, len(files), 3):
    chunk = [site] + [open(f, encoding='utf-8').read() for f in files[k:k + 3]]
    open(f'{out}/seed-{k}', 'w', encoding='utf-8').write('\n=====\n'.join(chunk))
PY
    ;;
esac
cp tests/fuzz-regressions/"$target"/* "$seeds/" 2>/dev/null || true
cd fuzz
RUSTC_BOOTSTRAP=1 nice -n 10 cargo fuzz run -O "$target" "corpus/$target" -- \
  -dict=thai.dict -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
