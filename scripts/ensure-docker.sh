#!/usr/bin/env bash
# Makes `docker info` work on a Debian/Ubuntu machine: installs docker.io when the docker command
# is missing, starts dockerd in the background when no daemon answers, and waits for it (~60 s).
# Idempotent; meant for CI (root, no stdin) and for developers (run with sudo).
set -euo pipefail

LOG="${DOCKERD_LOG:-/tmp/dockerd.log}"
say() { echo "ensure-docker: $*" >&2; }

if docker info >/dev/null 2>&1; then
  say "Docker is running"
  exit 0
fi

[[ "$(id -u)" -eq 0 ]] || { say "not root: run 'sudo bash scripts/ensure-docker.sh'"; exit 1; }

if ! command -v dockerd >/dev/null 2>&1; then
  say "installing docker.io from the distribution's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q </dev/null >/dev/null || true
  apt-get install -y -q --no-install-recommends docker.io </dev/null >/dev/null
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  # systemd is the normal way; containers and CI sandboxes usually have no systemd, so fall back.
  if [[ -d /run/systemd/system ]] && systemctl start docker </dev/null 2>/dev/null; then
    say "started docker with systemctl"
  else
    say "starting dockerd in the background (log: $LOG)"
    nohup dockerd </dev/null >"$LOG" 2>&1 &
  fi
fi

for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    say "Docker is running ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    exit 0
  fi
  sleep 1
done
say "dockerd did not answer within 60 s; last lines of $LOG:"
tail -n 20 "$LOG" >&2 2>/dev/null || true
exit 1
