#!/usr/bin/env bash
# Makes `docker info` work on a Debian/Ubuntu machine: installs docker.io when the docker command
# is missing, starts dockerd in the background when no daemon answers, and waits for it (~60 s).
# Then makes gVisor available to Docker as the runtime `runsc` (run_python's stronger sandbox):
# installs the distribution's `runsc` package and registers it in /etc/docker/daemon.json
# (merged into what is there), which a running dockerd reloads on SIGHUP, without a restart.
# ENSURE_RUNSC=0 skips the gVisor part. Idempotent; meant for CI (root, no stdin) and for
# developers (run with sudo).
set -euo pipefail

LOG="${DOCKERD_LOG:-/tmp/dockerd.log}"
DAEMON_JSON="${DOCKER_DAEMON_JSON:-/etc/docker/daemon.json}"
WANT_RUNSC="${ENSURE_RUNSC:-1}"
say() { echo "ensure-docker: $*" >&2; }

docker_up() { docker info >/dev/null 2>&1; }
has_runsc() { docker info --format '{{range $name, $_ := .Runtimes}}{{$name}} {{end}}' 2>/dev/null | grep -qw runsc; }
is_root() { [[ "$(id -u)" -eq 0 ]]; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q </dev/null >/dev/null || true
  apt-get install -y -q --no-install-recommends "$@" </dev/null >/dev/null
}

# Adds the runtime `runsc` to daemon.json, keeping every other setting. gVisor's own network stack
# cannot start in the root network namespace of a machine like a CI container; run_python's
# containers have no network anyway (--network none), so runsc is told so with --network=none.
register_runsc() {
  local bin
  bin="$(command -v runsc)"
  mkdir -p "$(dirname "$DAEMON_JSON")"
  python3 - "$DAEMON_JSON" "$bin" <<'PY'
import json, os, sys
path, binary = sys.argv[1], sys.argv[2]
config = {}
if os.path.exists(path) and os.path.getsize(path) > 0:
    with open(path) as f:
        config = json.load(f)
wanted = {"path": binary, "runtimeArgs": ["--network=none"]}
if config.get("runtimes", {}).get("runsc") == wanted:
    sys.exit(0)
config.setdefault("runtimes", {})["runsc"] = wanted
tmp = path + ".tmp"
with open(tmp, "w") as f:
    json.dump(config, f, indent=2)
    f.write("\n")
os.replace(tmp, path)
print("changed")
PY
}

ensure_runsc_files() {
  if ! command -v runsc >/dev/null 2>&1; then
    say "installing gVisor (the runsc package) from the distribution's packages"
    apt_install runsc || { say "could not install runsc: run_python keeps using runc"; return 1; }
  fi
  command -v python3 >/dev/null 2>&1 || apt_install python3-minimal
  if [[ "$(register_runsc)" == changed ]]; then
    say "registered runsc in $DAEMON_JSON"
  fi
}

if docker_up && { [[ "$WANT_RUNSC" == 0 ]] || has_runsc; }; then
  say "Docker is running$([[ "$WANT_RUNSC" == 0 ]] || echo ', with the runtime runsc (gVisor)')"
  exit 0
fi

is_root || {
  if docker_up; then
    say "Docker is running, without the runtime runsc (gVisor): run 'sudo bash scripts/ensure-docker.sh' to add it"
    exit 0
  fi
  say "not root: run 'sudo bash scripts/ensure-docker.sh'"
  exit 1
}

if ! command -v dockerd >/dev/null 2>&1; then
  say "installing docker.io from the distribution's packages"
  apt_install docker.io
fi

runsc_ready=0
if [[ "$WANT_RUNSC" != 0 ]] && ensure_runsc_files; then runsc_ready=1; fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  # systemd is the normal way; containers and CI sandboxes usually have no systemd, so fall back.
  if [[ -d /run/systemd/system ]] && systemctl start docker </dev/null 2>/dev/null; then
    say "started docker with systemctl"
  else
    say "starting dockerd in the background (log: $LOG)"
    nohup dockerd </dev/null >"$LOG" 2>&1 &
  fi
elif [[ "$runsc_ready" == 1 ]] && docker_up && ! has_runsc; then
  pid="$(cat /var/run/docker.pid 2>/dev/null || pgrep -o -x dockerd)"
  say "asking the running dockerd (pid $pid) to reload its runtimes (SIGHUP)"
  kill -HUP "$pid"
fi

for _ in $(seq 1 60); do
  if docker_up && { [[ "$runsc_ready" == 0 ]] || has_runsc; }; then
    say "Docker is running ($(docker version --format '{{.Server.Version}}' 2>/dev/null))$([[ "$runsc_ready" == 0 ]] || echo ', with the runtime runsc (gVisor)')"
    exit 0
  fi
  sleep 1
done
if docker_up; then
  say "Docker is running but does not list the runtime runsc after 60 s; check $DAEMON_JSON and $LOG"
  exit 1
fi
say "dockerd did not answer within 60 s; last lines of $LOG:"
tail -n 20 "$LOG" >&2 2>/dev/null || true
exit 1
