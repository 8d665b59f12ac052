#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the last release whose engines.node is 20) from the npm
# registry into a cache folder outside node_modules. Idempotent: does nothing when already installed.
# Usage: bash scripts/e2e/install-code-server.sh        (env DBC_CODE_SERVER_DIR overrides the folder)
# See docs/e2e-recipe.md "Pitfalls" for why each workaround is needed.
set -euo pipefail
CS_VERSION="${DBC_CODE_SERVER_VERSION:-4.100.3}"
CS_DIR="${DBC_CODE_SERVER_DIR:-$HOME/.cache/dbc-vscode/code-server}"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"

installed_version() {
  [ -x "$CS_BIN" ] && "$CS_BIN" --version 2>/dev/null | awk '{print $1}'
}

# kerberos needs gssapi headers; Debian's rg seeds @vscode/ripgrep; node-gyp needs a compiler and python.
ensure_apt_deps() {
  local missing=()
  command -v dpkg >/dev/null || return 0   # not Debian-like: the build tools are the user's to provide
  for p in libkrb5-dev ripgrep build-essential python3; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-code-server: these Debian packages are missing: ${missing[*]}. Install them, then run this again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "install-code-server: apt-get install ${missing[*]}"
  apt-get update -qq -o DPkg::Lock::Timeout=300
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null
}

# @vscode/ripgrep's postinstall downloads from GitHub; it finds this archive in its cache instead.
# The cache lives in os.tmpdir(), so this honours the same TMPDIR that npm runs with.
seed_ripgrep_cache() {
  local cache
  cache="$(node -p "require('os').tmpdir()")/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$cache/stage"
  cp "$(command -v rg)" "$cache/stage/rg"
  tar -C "$cache/stage" -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
}

# node-gyp must not download node headers: point it at the running node's prefix (has include/node).
export_node_headers() {
  local prefix
  prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ -z "${npm_config_nodedir:-}" ] && [ -d "$prefix/include/node" ]; then
    export npm_config_nodedir="$prefix"
  fi
}

main() {
  if [ "$(installed_version || true)" = "$CS_VERSION" ]; then
    echo "install-code-server: code-server $CS_VERSION already in $CS_DIR"
    return 0
  fi
  ensure_apt_deps
  seed_ripgrep_cache
  export_node_headers
  mkdir -p "$CS_DIR"
  cd "$CS_DIR"
  [ -f package.json ] || npm init -y >/dev/null
  # postinstall.sh refuses to run as root without unsafe_perm (npm 11 warns it is unknown; it still works)
  npm_config_yes=true npm_config_unsafe_perm=true \
    npm install --no-audit --no-fund --loglevel=error "code-server@${CS_VERSION}"
  echo "install-code-server: $("$CS_BIN" --version)"
}

main "$@"
