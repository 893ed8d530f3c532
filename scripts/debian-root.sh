# Sourced by scripts/sandbox-image.sh and scripts/server-image.sh: a root folder for `docker import`
# from Debian's packages, without any container registry. The caller defines die().
#
#   debian_root NAME WORK ROOT PACKAGE...   apt-get download the packages into WORK/debs (refreshing
#                                           stale package lists once) and unpack them into ROOT
#   minimal_etc ROOT                        what maintainer scripts would have made (dpkg-deb -x runs
#                                           none): /tmp, root and nobody (65534), name lookup; and
#                                           no documentation, manuals or translations

debian_root() {
  local name="$1" work="$2" root="$3"
  shift 3
  mkdir -p "$work/debs" "$root"
  if ! (cd "$work/debs" && apt-get download -q "$@" >/dev/null 2>"$work/apt.log"); then
    echo "$name: package lists look stale, running apt-get update" >&2
    apt-get update -q >/dev/null 2>&1 || true
    (cd "$work/debs" && apt-get download -q "$@" >/dev/null 2>"$work/apt.log") || { cat "$work/apt.log" >&2; die "apt-get download failed"; }
  fi
  local deb
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$root"; done
}

minimal_etc() {
  local root="$1"
  mkdir -p "$root/tmp" "$root/etc" "$root/proc" "$root/sys" "$root/dev" "$root/var/tmp"
  chmod 1777 "$root/tmp" "$root/var/tmp"
  cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/tmp:/usr/sbin/nologin
PASSWD
  cat >"$root/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
GROUP
  echo 'hosts: files dns' >"$root/etc/nsswitch.conf"
  rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/info" "$root/usr/share/lintian" "$root/usr/share/locale"
}
