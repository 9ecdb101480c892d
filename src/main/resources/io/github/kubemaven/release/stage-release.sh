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
# Server images of a tree that builds them with buildx (Kubernetes 1.27 and later), on a machine whose docker has no
# buildx plugin: each "buildx build --output type=docker,dest=TAR" is made by the engine's own builder and saved to
# TAR (and, as buildx leaves none, no image stays in the engine); the builder's set-up does nothing. The platform is
# left to the base image: the server Dockerfiles only copy.
# A machine with no docker command: the plugin's docker (see docker-relay.sh) hands each call to the plugin, which makes
# it through the Engine API of its engine; its buildx builds need no builder.
if [[ -n "${KUBE_MVN_DOCKER_RELAY:-}" ]]; then
  exec {KUBE_MVN_DOCKER_CALLS}>&1
  export KUBE_MVN_DOCKER_CALLS
  PATH="${KUBE_MVN_DOCKER_RELAY}/bin:${PATH}"
elif [[ "${KUBE_MVN_SERVER_IMAGES:-n}" == y ]] && ! command docker buildx version >/dev/null 2>&1; then
  kube::util::ensure-docker-buildx() {
    :
  }
  docker() {
    [[ "${1:-}" == buildx ]] || { command docker "$@"; return; }
    shift
    [[ "${1:-}" == build ]] || return 0
    shift
    local -a build=() tags=()
    local destination="" output
    while (($#)); do
      case "$1" in
        --output) output="$2"; shift ;;
        --output=*) output="${1#--output=}" ;;
        --platform) shift ;;
        --platform=*|--pull|--load|-q|--quiet) ;;
        -t|--tag) tags+=("$2"); build+=(-t "$2"); shift ;;
        -f|--file|--build-arg) build+=("$1" "$2"); shift ;;
        *) build+=("$1") ;;
      esac
      shift
    done
    [[ "${output:-}" =~ (^|,)dest=([^,]+) ]] && destination="${BASH_REMATCH[2]}"
    command docker build -q "${build[@]}" >/dev/null || return
    if [[ -n "${destination}" ]]; then
      command docker save -o "${destination}" "${tags[@]}" || return
      command docker rmi "${tags[@]}" >/dev/null
    fi
  }
fi
mkdir -p "${RELEASE_TARS}"
for phase in "$@"; do
  "kube::release::${phase}"
done
