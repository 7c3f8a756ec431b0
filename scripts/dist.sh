#!/usr/bin/env bash
# Makes the release archives on a Debian 12 (bookworm) x86_64 machine:
#   dist/prongsai-<version>-windows-x86_64.zip   prongsai.exe, the Thai guide, an example site
#   dist/prongsai-<version>-linux-x86_64.tar.gz  a static (musl) prongsai, the same guide and site
#   dist/SHA256SUMS
# Each archive is one folder, laid out for the first double-click:
#   prongsai-<version>-windows-x86_64/
#     prongsai.exe              no site.yaml beside it: the "create a website" page opens,
#                               and the site is written into this folder (src/cmd/start.rs)
#     คู่มือ.html                the Thai guide as one page, pictures inside, rendered by the
#                               program itself (`prongsai guide-html`)
#     README.txt
#     ตัวอย่าง/                  the example site (site.yaml, content/, static/) and
#       เปิดเว็บไซต์ตัวอย่าง.bat   which starts ..\prongsai.exe in that folder: the example, one
#                               double-click away, without a second copy of the program
# (the Linux archive the same, with a .sh beside the example instead of the .bat).
#
# Why not `rustup target add`: rustup here has only the x86_64-unknown-linux-gnu
# standard library and its servers cannot be reached. Debian's rustc-web (bookworm-security)
# ships the standard library's source (rust-web-src), so cargo's -Zbuild-std compiles std
# for each target from it; RUSTC_BOOTSTRAP=1 lets that stable compiler take the flag.
# Debian's packages are unpacked under $PRONGSAI_TOOLCHAIN, not installed: they would
# replace /usr/bin/cargo and rustc for everything else on the machine.
# Linkers: mingw-w64's gcc for Windows (and its windres for the icon, build.rs), musl-gcc
# (musl-tools) for Linux. Needs root for apt-get install when those are missing.
#
# Usage: bash scripts/dist.sh [--windows-only|--linux-only]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
want=${1:-all}

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
out=$repo/dist
work=$repo/target/dist
tc=${PRONGSAI_TOOLCHAIN:-$HOME/.cache/prongsai-dist/rust-web}
mkdir -p "$out" "$work"

say() { printf 'dist: %s\n' "$*" >&2; }

# --- tools from Debian ------------------------------------------------------------
need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v x86_64-w64-mingw32-windres >/dev/null || need+=(binutils-mingw-w64-x86-64)
command -v musl-gcc >/dev/null || need+=(musl-tools)
# Debian's cargo is linked against these (they install beside anything, unlike cargo).
for lib in libgit2-1.5 libssh2-1 libedit2 libz3-4 libxml2; do
    dpkg -s "$lib" >/dev/null 2>&1 || need+=("$lib")
done
if ((${#need[@]})); then
    say "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [[ ! -x $tc/usr/bin/rustc ]]; then
    say "unpacking Debian's rustc-web toolchain into $tc"
    debs=$(mktemp -d)
    # llvm's libunwind: the musl std links it statically (rustup ships its own copy).
    (cd "$debs" && apt-get download rustc-web cargo-web libstd-rust-web-dev 'libstd-rust-web-1.*' \
        rust-web-src libllvm22 libunwind-14-dev 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2 || true)
    ls "$debs"/*.deb >/dev/null
    mkdir -p "$tc"
    for d in "$debs"/*.deb; do dpkg-deb -x "$d" "$tc"; done
    rm -rf "$debs"
fi
llvm_lib=$(echo "$tc"/usr/lib/llvm-2*/lib)
export LD_LIBRARY_PATH="$tc/usr/lib/x86_64-linux-gnu:$llvm_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export RUSTC="$tc/usr/bin/rustc" RUSTDOC="$tc/usr/bin/rustdoc" RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="$work/target"
cargo="$tc/usr/bin/cargo"
say "$("$RUSTC" --version), $("$cargo" --version)"
[[ -d $tc/usr/lib/rustlib/src/rust/library/std ]] || { say "no standard library source in $tc"; exit 2; }

build() { # target, extra cargo arguments...
    local target=$1
    shift
    say "building for $target"
    "$cargo" build --release --locked --bin prongsai -Zbuild-std=std,panic_abort --target "$target" "$@"
}

# --- Windows ----------------------------------------------------------------------
if [[ $want != --linux-only ]]; then
    build x86_64-pc-windows-gnu --config 'target.x86_64-pc-windows-gnu.linker="x86_64-w64-mingw32-gcc"'
    exe=$CARGO_TARGET_DIR/x86_64-pc-windows-gnu/release/prongsai.exe
    # Only system DLLs: a DLL of mingw's (libgcc, winpthread) would be missing on the PC.
    dlls=$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^\s*DLL Name: //p' | tr 'A-Z' 'a-z' | sort -u)
    say "prongsai.exe imports: $(echo $dlls)"
    if grep -qvE '^(kernel32|ntdll|advapi32|ws2_32|bcryptprimitives|bcrypt|userenv|shell32|shlwapi|ole32|oleaut32|user32|msvcrt|api-ms-win-[a-z0-9-]+)\.dll$' <<<"$dlls"; then
        say "prongsai.exe needs a DLL that Windows does not have"
        exit 1
    fi
fi

# --- static Linux -----------------------------------------------------------------
if [[ $want != --windows-only ]]; then
    shim=$work/musl-shim
    mkdir -p "$shim"
    cp "$tc"/usr/lib/llvm-14/lib/libunwind.a "$shim/"
    # Debian built that libunwind.a with _FORTIFY_SOURCE against glibc: musl has no
    # __fprintf_chk, so it is given one that is plain vfprintf.
    cat >"$shim/fortify.c" <<'C'
#include <stdarg.h>
#include <stdio.h>
int __fprintf_chk(FILE *f, int flag, const char *fmt, ...) {
    (void)flag;
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}
C
    musl-gcc -O2 -c "$shim/fortify.c" -o "$shim/fortify.o"
    ar rcs "$shim/libmuslfortify.a" "$shim/fortify.o"
    build x86_64-unknown-linux-musl \
        --config 'target.x86_64-unknown-linux-musl.linker="musl-gcc"' \
        --config "target.x86_64-unknown-linux-musl.rustflags=[\"-Clink-self-contained=no\",\"-Ctarget-feature=+crt-static\",\"-Crelocation-model=static\",\"-Lnative=$shim\",\"-Clink-arg=-lmuslfortify\"]"
    elf=$CARGO_TARGET_DIR/x86_64-unknown-linux-musl/release/prongsai
    if readelf -l "$elf" | grep -q INTERP; then
        say "the Linux binary is not static"
        exit 1
    fi
    "$elf" --version >&2
fi

# --- the archives -----------------------------------------------------------------
# The guide is rendered by the program itself: the static Linux one runs here; without
# it (--windows-only), a build for this machine.
if [[ $want != --windows-only ]]; then
    host=$elf
else
    say "building for this machine (the guide's HTML)"
    "$cargo" build --release --locked --bin prongsai
    host=$CARGO_TARGET_DIR/release/prongsai
fi
# Dates from the last commit, names sorted, no owners: the same commit gives the same bytes.
epoch=$(git log -1 --format=%ct 2>/dev/null || echo 315532800)
example=ตัวอย่าง
stage() { # folder name, program file, its name in the archive, README text
    local dir=$work/stage/$1
    rm -rf "$dir"
    mkdir -p "$dir/$example"
    cp "$2" "$dir/$3"
    "$host" guide-html "$dir/คู่มือ.html"
    cp site.yaml "$dir/$example/"
    cp -r content static "$dir/$example/"
    printf '%s' "$4" >"$dir/README.txt"
    echo "$dir"
}
readme() { # how to start the program, how to start the example, newline
    local nl=$3
    printf 'prongsai %s (โปร่งใส): เว็บไซต์เปิดเผยข้อมูลการมีส่วนร่วมของ อปท.%s%s' "$version" "$nl" "$nl"
    printf '%s: ครั้งแรกจะเปิดหน้า "สร้างเว็บไซต์" ในเบราว์เซอร์ กรอกชื่อหน่วยงานแล้วกดสร้าง%s' "$1" "$nl"
    printf '  เว็บไซต์จะอยู่ในโฟลเดอร์นี้ และเปิดตัวแก้ไขให้ ครั้งต่อไปจะเปิดเว็บไซต์นั้นเลย%s' "$nl"
    printf 'เว็บไซต์ตัวอย่าง: %s%s' "$2" "$nl"
    printf 'คู่มือภาษาไทย: คู่มือ.html (เปิดด้วยเบราว์เซอร์)%s' "$nl"
}

if [[ $want != --linux-only ]]; then
    name=prongsai-$version-windows-x86_64
    dir=$(stage "$name" "$exe" prongsai.exe \
        "$(readme 'ดับเบิลคลิก prongsai.exe' "ดับเบิลคลิก เปิดเว็บไซต์ตัวอย่าง ในโฟลเดอร์ $example" $'\r\n')")
    # Explorer starts a .bat in its own folder: the program finds site.yaml there. Only
    # ASCII inside, so the console's code page cannot garble it.
    printf '@echo off\r\ncd /d "%%~dp0"\r\n"%%~dp0..\\prongsai.exe"\r\n' >"$dir/$example/เปิดเว็บไซต์ตัวอย่าง.bat"
    rm -f "$out/$name.zip"
    python3 - "$work/stage" "$name" "$out/$name.zip" "$epoch" <<'PY'
import os, sys, time, zipfile
base, name, target, epoch = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
stamp = time.gmtime(max(epoch, 315532800))[:6]
files = []
for d, _, fs in os.walk(os.path.join(base, name)):
    files += [os.path.join(d, f) for f in fs]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for f in sorted(files):
        info = zipfile.ZipInfo(os.path.relpath(f, base).replace(os.sep, "/"), stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(f, "rb") as fh:
            z.writestr(info, fh.read())
PY
    say "made dist/$name.zip"
fi

if [[ $want != --windows-only ]]; then
    name=prongsai-$version-linux-x86_64
    dir=$(stage "$name" "$elf" prongsai \
        "$(readme 'เปิดเทอร์มินัลในโฟลเดอร์นี้แล้วพิมพ์ ./prongsai' "./$example/เปิดเว็บไซต์ตัวอย่าง.sh" $'\n')")
    chmod 755 "$dir/prongsai"
    printf '#!/bin/sh\ncd "$(dirname "$0")" && exec ../prongsai\n' >"$dir/$example/เปิดเว็บไซต์ตัวอย่าง.sh"
    chmod 755 "$dir/$example/เปิดเว็บไซต์ตัวอย่าง.sh"
    tar -C "$work/stage" --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
        -cf - "$name" | gzip -9n >"$out/$name.tar.gz"
    say "made dist/$name.tar.gz"
fi

(cd "$out" && sha256sum -- *.zip *.tar.gz 2>/dev/null >SHA256SUMS || true)
cat "$out/SHA256SUMS"
