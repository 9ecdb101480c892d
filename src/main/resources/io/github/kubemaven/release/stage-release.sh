#!/usr/bin/env bash
# Runs phases of the tree's own release packaging (build/lib/release.sh) so that it stages each tarball's
# tree as upstream lays it out, but leaves writing the tarballs to the caller: create_tarball only reports
# "KUBE_MVN_TARBALL<TAB>tarball<TAB>staging folder". The source tarball is the caller's too, and server images
# (and the buildx builder later trees make for them) only when KUBE_MVN_SERVER_IMAGES=y; KUBE_MVN_DOCKER_RELAY names
# the plugin's docker command for a machine with none.
#   stage-release.sh KUBE_ROOT PHASE...   (PHASE: a kube::release::package_* function name without its prefix)
set -o errexit -o nounset -o pipefail

KUBE_ROOT="$1"
shift
cd "${KUBE_ROOT}"
source "${KUBE_ROOT}/build/common.sh"
source "${KUBE_ROOT}/build/lib/release.sh"
kube::build::ensure_tar
kube::version::get_version_vars

kube::release::create_tarball() {
  printf 'KUBE_MVN_TARBALL\t%s\t%s\n' "$1" "$2"
}
kube::release::package_src_tarball() {
  :
}
if [[ "${KUBE_MVN_SERVER_IMAGES:-n}" != y ]]; then
  kube::release::create_docker_images_for_server() {
    :
  }
  # build_server_images (Kubernetes 1.27 and later) sets up a buildx builder before it stages the image binaries;
  # with no image to build, neither the buildx plugin nor a builder is needed
  kube::util::ensure-docker-buildx() {
    :
  }
  docker() {
    [[ "${1:-}" == buildx ]] || command docker "$@"
  }
fi
# A machine with no docker command, or one without the buildx the tree builds its images with: the plugin's docker
# (see docker-relay.sh) hands each call to the plugin, which makes it through the Engine API of its engine; its buildx
# builds need no builder.
if [[ -n "${KUBE_MVN_DOCKER_RELAY:-}" ]]; then
  exec {KUBE_MVN_DOCKER_CALLS}>&1
  export KUBE_MVN_DOCKER_CALLS
  PATH="${KUBE_MVN_DOCKER_RELAY}/bin:${PATH}"
fi
mkdir -p "${RELEASE_TARS}"
for phase in "$@"; do
  "kube::release::${phase}"
done
