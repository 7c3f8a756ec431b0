#!/usr/bin/env bash
# Runs every test of prongsai. The browser tests need Debian's Chromium, its driver and
# Thai fonts, the publishing checks (tests/publish.rs) Java, LinkChecker, poppler-utils
# and the npm packages of tools/, tests/real_dates.rs faketime, `prongsai publish`
# (tests/deploy.rs) pyftpdlib, openssl, sshd and PuTTYgen; this installs them first when they are
# missing (as root, or with sudo). Run one file with `bash scripts/test.sh --test build`; see
# tests/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
[ -d /usr/share/fonts/truetype/tlwg ] || need+=(fonts-thai-tlwg)
# tests/publish.rs: the Nu HTML Checker runs on Java, LinkChecker and poppler's PDF tools
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v linkchecker >/dev/null 2>&1 || need+=(linkchecker)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v npm >/dev/null 2>&1 || need+=(npm)
# tests/real_dates.rs sets the clock with faketime ("today" is the date in Thailand)
command -v faketime >/dev/null 2>&1 || need+=(faketime)
# tests/deploy.rs: Debian's python3 with pyftpdlib and pyOpenSSL (an FTP/FTPS server), openssl
/usr/bin/python3 -c 'import pyftpdlib' >/dev/null 2>&1 || need+=(python3-pyftpdlib)
/usr/bin/python3 -c 'import OpenSSL' >/dev/null 2>&1 || need+=(python3-openssl)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v puttygen >/dev/null 2>&1 || need+=(putty-tools)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# vnu.jar and axe-core, pinned in tools/package-lock.json (node_modules is not committed)
if [ ! -f tools/node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f tools/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tools --ignore-scripts --no-audit --no-fund
fi

# Tests that need root (tests/faults.rs mounts a tmpfs to fill, tests/deploy.rs logs in
# to a local sshd as root) are #[ignore]d, so that
# `cargo test` passes for a developer without root; as root (CI) they run too. Only they
# are ignored (tests/faults.rs checks it): measurements by hand are compiled only with
# `--features measure`, so this never runs them.
args=("$@")
if [ "$(id -u)" -eq 0 ]; then
  case " ${args[*]} " in
    *" -- "*) args+=(--include-ignored) ;;
    *) args+=(-- --include-ignored) ;;
  esac
fi
cargo test --locked "${args[@]}"
