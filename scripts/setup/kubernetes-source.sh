#!/usr/bin/env bash
# Puts the Kubernetes 1.20.2 source from Debian's source package at TREE_DIR, as a git checkout with one commit.
#
#   scripts/setup/kubernetes-source.sh TREE_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

tree="$1"
if [[ -d "${tree}/.git" ]]; then
  exit 0
fi
downloads="$(dirname "${tree}")/debian-source"
mkdir -p "${downloads}"
if ! ls "${downloads}"/kubernetes_*.orig.tar.gz >/dev/null 2>&1; then
  if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/; then
    sed -n '1,/^$/p' /etc/apt/sources.list.d/debian.sources | sed 's/^Types: deb$/Types: deb-src/' \
      > /etc/apt/sources.list.d/kube-maven-debian-src.sources
  fi
  apt-get update -qq
  (cd "${downloads}" && apt-get source --download-only kubernetes >/dev/null 2>&1)
fi
rm -rf "${tree}.partial"
mkdir -p "${tree}.partial"
tar -C "${tree}.partial" --strip-components=1 -xzf "$(ls "${downloads}"/kubernetes_*.orig.tar.gz | head -n 1)"
(cd "${tree}.partial" && git init -q && git add -A && git -c user.name=builder -c user.email=builder@localhost commit -qm "Kubernetes 1.20.2 from Debian's source package")
mv "${tree}.partial" "${tree}"
echo "Kubernetes source ready at ${tree}"
