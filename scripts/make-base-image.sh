#!/usr/bin/env bash
# Makes the Go build image that stands in for kube-cross, from Debian's packages, with no registry: Go 1.19, gcc and
# the linux/arm64 cross gcc (Kubernetes builds its dynamically linked binaries, kubelet among them, with cgo for
# linux/arm64), rsync, git, make, curl, and etcd (Debian's etcd-server 3.4, which the integration and command tests
# of Kubernetes 1.20 start; it asks for 3.4.13 or later).
# The image is tagged under every name the example tree, the tests and Kubernetes 1.20 expect.
set -euo pipefail

base_image="${KUBE_BASE_IMAGE:-kube-maven-plugin/go-base:1.19}"
aliases=(
  "kube-maven-plugin/kube-cross:v1.19.8-1"
  "k8s.gcr.io/build-image/kube-cross:v1.15.5-1"
)

# What the image holds; an image made by an older version of this script is made again.
contents="3: golang-1.19 rsync git make gcc gcc-aarch64-linux-gnu curl etcd-server"
made="$(docker image inspect --format '{{ index .Config.Labels "io.github.kubemaven.stand-in" }}' "${base_image}" 2>/dev/null || true)"
if [[ "${made}" != "${contents}" ]]; then
  mirror="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
  root="$(mktemp -d /var/tmp/kube-base-root.XXXXXX)"
  trap 'rm -rf "${root}"' EXIT
  echo "make-base-image: debootstrap bookworm from ${mirror} (about two minutes)"
  debootstrap --variant=minbase \
    --include=golang-1.19-go,rsync,git,make,iproute2,ca-certificates,gcc,libc6-dev,bash,procps,file,curl,gcc-aarch64-linux-gnu,libc6-dev-arm64-cross,etcd-server \
    bookworm "${root}" "${mirror}" >/var/tmp/kube-base-debootstrap.log 2>&1 \
    || { tail -20 /var/tmp/kube-base-debootstrap.log >&2; exit 1; }
  ln -s /usr/lib/go-1.19 "${root}/usr/local/go"
  mkdir -p "${root}/go"
  chmod 1777 "${root}/go"
  rm -rf "${root}/var/cache/apt/archives/"*.deb "${root}/var/lib/apt/lists/"*
  tar -C "${root}" -c . | docker import \
    -c "LABEL io.github.kubemaven.stand-in=\"${contents}\"" \
    -c 'ENV GOPATH=/go' \
    -c 'ENV PATH=/go/bin:/usr/local/go/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - "${base_image}" >/dev/null
fi

# An empty image for the server images to build on: the example tree's base, and local stand-ins under the names of
# the bases Kubernetes 1.20's build/common.sh asks KUBE_BASE_IMAGE_REGISTRY for (its server binaries are static).
server_base="kube-maven-plugin/server-base:1"
if ! docker image inspect "${server_base}" >/dev/null 2>&1; then
  tar -cf - --files-from /dev/null | docker import -c 'LABEL purpose=kube-maven-plugin-tests' - "${server_base}" >/dev/null
fi
for stand_in in k8s.gcr.io/build-image/go-runner:buster-v2.2.2 k8s.gcr.io/build-image/debian-iptables:buster-v1.3.0; do
  docker image inspect "${stand_in}" >/dev/null 2>&1 || docker tag "${server_base}" "${stand_in}"
done

for alias in "${aliases[@]}"; do
  docker tag "${base_image}" "${alias}"
done
echo "make-base-image: ${base_image} ready"
