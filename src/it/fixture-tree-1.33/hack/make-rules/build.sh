#!/usr/bin/env bash
# Builds the given targets for each platform in KUBE_BUILD_PLATFORMS (default: the host's) into
# ${KUBE_OUTPUT_SUBPATH:-_output/local}/bin/<os>/<arch>/; a target <dir>/<name>.test is a test binary of <dir>.
set -o errexit -o nounset -o pipefail

KUBE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
source "${KUBE_ROOT}/hack/lib/init.sh"
kube::golang::setup_env

output_dir="${KUBE_OUTPUT}"
read -r -a platforms <<<"${KUBE_BUILD_PLATFORMS:-$(go env GOHOSTOS)/$(go env GOHOSTARCH)}"
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(cmd/kubectl cmd/kube-apiserver cmd/kubelet cmd/kube-proxy cmd/kubeadm)

kube::version::get_version_vars
ldflags="$(kube::version::ldflags) ${GOLDFLAGS:-}"

cd "${KUBE_ROOT}"
for platform in "${platforms[@]}"; do
  os="${platform%/*}"
  arch="${platform#*/}"
  echo "Building go targets for ${platform}: ${targets[*]}"
  for target in "${targets[@]}"; do
    folder="$(kube::golang::target_folder "${target}")"
    name="$(basename "${target%/}")"
    [[ "${os}" == windows ]] && name+=".exe"
    if [[ "${target}" == *.test ]]; then
      # shellcheck disable=SC2086
      GOOS="${os}" GOARCH="${arch}" go test -c -trimpath -buildvcs=false ${GOFLAGS:-} \
        -gcflags "all=${GOGCFLAGS:-}" -ldflags "${ldflags}" -o "${output_dir}/bin/${os}/${arch}/${name}" "./${folder}"
    else
      # shellcheck disable=SC2086
      GOOS="${os}" GOARCH="${arch}" go build -trimpath -buildvcs=false ${GOFLAGS:-} \
        -gcflags "all=${GOGCFLAGS:-}" -ldflags "${ldflags}" -o "${output_dir}/bin/${os}/${arch}/${name}" "./${folder}"
    fi
  done
done
