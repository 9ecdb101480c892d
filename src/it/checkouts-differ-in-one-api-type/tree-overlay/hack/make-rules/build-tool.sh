#!/usr/bin/env bash
# Installs a code generator as a tool of the build among the host platform's binaries, and points _output/bin at
# them, as Kubernetes' build of its generators does.
set -o errexit -o nounset -o pipefail

KUBE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
platform="$(go env GOHOSTOS)/$(go env GOHOSTARCH)"
bin="${KUBE_ROOT}/${KUBE_OUTPUT_SUBPATH:-_output/local}/bin/${platform}"
echo "building tool $2"
mkdir -p "${bin}"
install -m 0755 "$1" "${bin}/$2"
ln -sfn "${bin}" "${KUBE_ROOT}/_output/bin"
