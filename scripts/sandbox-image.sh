#!/usr/bin/env bash
# Builds the run_python sandbox image without any container registry: the Python 3.11 packages of
# Debian (bookworm) and their runtime libraries are fetched with `apt-get download`, unpacked into a
# root folder with `dpkg-deb -x` and turned into an image with `docker import`.
#
#   npm run sandbox:image            # build unless the tag already exists
#   npm run sandbox:image -- --force # rebuild
#
# Bump IMAGE_VERSION whenever the package list or the image layout changes; the server's default
# image (DEFAULT_SANDBOX_IMAGE, src/domain/model/sandbox.ts) names the same tag. SANDBOX_IMAGE_TAG=IMAGE
# builds it under another tag (for a server whose GITHUB_TASKS_SANDBOX_IMAGE names that tag).
set -euo pipefail

IMAGE_VERSION=1
IMAGE="${SANDBOX_IMAGE_TAG:-github-tasks-sandbox:py3.11-${IMAGE_VERSION}}"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

PACKAGES=(
  python3-minimal python3.11 python3.11-minimal libpython3.11-minimal libpython3.11-stdlib
  libc6 libgcc-s1 libssl3 zlib1g libffi8 libexpat1 libbz2-1.0 liblzma5 libsqlite3-0 libuuid1
  libncursesw6 libtinfo6 libreadline8 libcrypt1 libdb5.3 libgdbm6 libgdbm-compat4 libnsl2
  libtirpc3 libtirpc-common libgssapi-krb5-2 libkrb5-3 libk5crypto3 libkrb5support0 libcom-err2
  libkeyutils1 libzstd1 media-types netbase tzdata readline-common
)

die() { echo "sandbox-image: $*" >&2; exit 1; }
# shellcheck source=scripts/debian-root.sh
source "$(dirname "$0")/debian-root.sh"

command -v docker >/dev/null || die "the docker command is missing: run 'bash scripts/ensure-docker.sh' (installs docker.io) first"
docker info >/dev/null 2>&1 || die "the Docker daemon is not reachable: run 'bash scripts/ensure-docker.sh' or start Docker"
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null \
  || die "apt-get and dpkg-deb are needed (Debian/Ubuntu); elsewhere build docker/Dockerfile.sandbox: docker build -t $IMAGE -f docker/Dockerfile.sandbox docker"

if [[ $FORCE -eq 0 ]] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "sandbox-image: $IMAGE already exists (use --force to rebuild)" >&2
  exit 0
fi

WORK="$(mktemp -d /tmp/sandbox-image.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
R="$WORK/root"
debian_root sandbox-image "$WORK" "$R" "${PACKAGES[@]}"
minimal_etc "$R"
[[ -e "$R/usr/bin/python3" ]] || ln -s python3.11 "$R/usr/bin/python3"
find "$R" -name '__pycache__' -prune -exec rm -rf {} +

tar -C "$R" --numeric-owner --owner=0 --group=0 -c . | docker import \
  --change 'USER 65534:65534' \
  --change 'WORKDIR /tmp' \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 HOME=/tmp PYTHONDONTWRITEBYTECODE=1' \
  --change "LABEL org.opencontainers.image.title=github-tasks-sandbox org.opencontainers.image.version=py3.11-${IMAGE_VERSION}" \
  --change 'CMD ["python3"]' \
  - "$IMAGE" >/dev/null

# A smoke test, locked down like a real run: the interpreter starts and the standard library's
# compiled modules load.
docker run --rm --network none --read-only --user 65534:65534 --cap-drop ALL "$IMAGE" \
  python3 -I -c 'import ssl, sqlite3, ctypes, json, re, decimal, hashlib, zlib, bz2, lzma, csv, datetime, uuid, statistics; print("ok")' \
  | grep -qx ok || die "the image $IMAGE was built but Python does not start in it"

SIZE="$(docker image inspect -f '{{.Size}}' "$IMAGE")"
echo "sandbox-image: built $IMAGE ($((SIZE / 1024 / 1024)) MB)" >&2
