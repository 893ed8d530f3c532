#!/usr/bin/env bash
# Makes `haproxy` available on a Debian/Ubuntu machine: installs Debian's haproxy package when the
# command is missing (the load-balancer test and `npm run bench` run it as a plain foreground
# process; the package's own service is not used). Idempotent; meant for CI (root, no stdin) and for
# developers (run with sudo).
set -euo pipefail

say() { echo "ensure-haproxy: $*" >&2; }

if command -v haproxy >/dev/null 2>&1; then
  say "$(haproxy -v 2>/dev/null | head -n 1)"
  exit 0
fi

[[ "$(id -u)" -eq 0 ]] || { say "not root: run 'sudo bash scripts/ensure-haproxy.sh'"; exit 1; }

say "installing haproxy from the distribution's packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q </dev/null >/dev/null || true
# policy-rc.d: the package must not start its own service (CI containers have no init system).
POLICY=/usr/sbin/policy-rc.d
if [[ ! -e "$POLICY" ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$POLICY" && chmod +x "$POLICY"
  trap 'rm -f "$POLICY"' EXIT
fi
apt-get install -y -q --no-install-recommends haproxy </dev/null >/dev/null

command -v haproxy >/dev/null 2>&1 || { say "haproxy is still missing after the install"; exit 1; }
say "$(haproxy -v 2>/dev/null | head -n 1)"
