#!/usr/bin/env bash
# Makes the Go build image that stands in for kube-cross, from Debian's packages, with no registry: Go 1.19, gcc and
# the linux/arm64 cross gcc (Kubernetes builds its dynamically linked binaries, kubelet among them, with cgo for
# linux/arm64), rsync, git, make, curl, and etcd (Debian's etcd-server 3.4, which the integration and command tests
# of Kubernetes 1.20 start; it asks for 3.4.13 or later).
# The image is tagged under every name the example tree, the tests and Kubernetes 1.20 expect. A second one, with
# Debian 13's Go 1.24, stands in for the kube-cross of the example tree shaped like Kubernetes 1.29-1.34, and a
# third, with unstable's Go 1.26 and no rsync, for the one shaped like master.
#
#   scripts/setup/base-image.sh [--go-1.15]
#
# --go-1.15 also makes kube-maven-plugin/kube-cross:v1.15.15-1 from Debian 11's Go 1.15, the Go of Kubernetes 1.20's
# own kube-cross (v1.15.5-1): Go 1.19 cannot build every platform of a tree that old (its vendored golang.org/x/sys
# fails on darwin), so the real-tree scripts pass this image to the plugin with kube.crossImage and kube.crossTag.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

mirror="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
mirror="${mirror:-http://deb.debian.org/debian}"

# stand_in IMAGE CONTENTS SUITE GO [PACKAGES] [no-rsync]: makes IMAGE from Debian SUITE with Go GO (as /usr/local/go),
# rsync unless no-rsync is given, and PACKAGES, unless it holds CONTENTS already (its label; an image made by an older
# version of this script is made again).
stand_in() {
  local image="$1" contents="$2" suite="$3" go="$4" packages="${5:-}" rsync=rsync, made root
  [[ "${6:-}" != no-rsync ]] || rsync=""
  made="$(docker image inspect --format '{{ index .Config.Labels "io.github.kubemaven.stand-in" }}' "${image}" 2>/dev/null || true)"
  [[ "${made}" != "${contents}" ]] || return 0
  root="$(mktemp -d /var/tmp/kube-base-root.XXXXXX)"
  echo "make-base-image: debootstrap ${suite} from ${mirror} for ${image} (about two minutes)"
  debootstrap --variant=minbase --include="golang-${go}-go,${rsync}git,make,iproute2,ca-certificates,gcc,libc6-dev,bash,procps,file,curl${packages:+,${packages}}" \
    "${suite}" "${root}" "${mirror}" >"/var/tmp/kube-base-debootstrap-${suite}.log" 2>&1 \
    || { tail -20 "/var/tmp/kube-base-debootstrap-${suite}.log" >&2; rm -rf "${root}"; exit 1; }
  ln -s "/usr/lib/go-${go}" "${root}/usr/local/go"
  mkdir -p "${root}/go"
  chmod 1777 "${root}/go"
  rm -rf "${root}/var/cache/apt/archives/"*.deb "${root}/var/lib/apt/lists/"*
  tar -C "${root}" -c . | docker import \
    -c "LABEL io.github.kubemaven.stand-in=\"${contents}\"" \
    -c 'ENV GOPATH=/go' \
    -c 'ENV PATH=/go/bin:/usr/local/go/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - "${image}" >/dev/null
  rm -rf "${root}"
}

base_image="${KUBE_BASE_IMAGE:-kube-maven-plugin/go-base:1.19}"
stand_in "${base_image}" "3: golang-1.19 rsync git make gcc gcc-aarch64-linux-gnu curl etcd-server" bookworm 1.19 \
  gcc-aarch64-linux-gnu,libc6-dev-arm64-cross,etcd-server

# An empty image for the server images to build on: the example tree's base, and local stand-ins under the names of
# the bases Kubernetes 1.20's build/common.sh asks KUBE_BASE_IMAGE_REGISTRY for (its server binaries are static).
server_base="kube-maven-plugin/server-base:1"
if ! docker image inspect "${server_base}" >/dev/null 2>&1; then
  tar -cf - --files-from /dev/null | docker import -c 'LABEL purpose=kube-maven-plugin-tests' - "${server_base}" >/dev/null
fi
for server_stand_in in k8s.gcr.io/build-image/go-runner:buster-v2.2.2 k8s.gcr.io/build-image/debian-iptables:buster-v1.3.0; do
  docker image inspect "${server_stand_in}" >/dev/null 2>&1 || docker tag "${server_base}" "${server_stand_in}"
done

for alias in kube-maven-plugin/kube-cross:v1.19.8-1 k8s.gcr.io/build-image/kube-cross:v1.15.5-1; do
  docker tag "${base_image}" "${alias}"
done
echo "make-base-image: ${base_image} ready"

# Go 1.24 from Debian 13, for the example tree shaped like Kubernetes 1.29-1.34 (src/it/fixture-tree-1.33), under
# the kube-cross name and tag its build/common.sh asks for; its .go-version names this Go, which GOTOOLCHAIN then
# takes without a download.
era_image="kube-maven-plugin/go-base:1.24"
stand_in "${era_image}" "1: golang-1.24 rsync git make gcc curl" trixie 1.24
docker tag "${era_image}" registry.k8s.io/build-image/kube-cross:v1.33.0-go1.24.4-bullseye.0
echo "make-base-image: ${era_image} ready"

# Go 1.26 from Debian unstable and no rsync, for the example tree shaped like Kubernetes master
# (src/it/fixture-tree-master): master runs kube-cross itself, which need not hold rsync. Tagged with the Go it holds,
# which the test of that tree reads back, as unstable moves on.
master_image="kube-maven-plugin/go-base:1.26-no-rsync"
stand_in "${master_image}" "1: golang-1.26 git make gcc curl, no rsync" sid 1.26 "" no-rsync
master_go="$(docker run --rm "${master_image}" go env GOVERSION)"
docker tag "${master_image}" "registry.k8s.io/build-image/kube-cross:v1.37.0-${master_go}-bullseye.0"
echo "make-base-image: ${master_image} (${master_go}) ready"

if [[ "${1:-}" == "--go-1.15" ]]; then
  stand_in kube-maven-plugin/kube-cross:v1.15.15-1 "1: golang-1.15 rsync git make gcc curl" bullseye 1.15
  echo "make-base-image: kube-maven-plugin/kube-cross:v1.15.15-1 ready"
fi
