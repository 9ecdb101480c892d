#!/usr/bin/env bash
# Runs the example tree's unit tests through gotestsum, as Kubernetes 1.29-1.34's hack/make-rules/test.sh: the
# packages in WHAT (default every package of the workspace's modules but test/e2e and test/integration), with
# KUBE_TEST_ARGS, KUBE_RACE, KUBE_TIMEOUT and FULL_LOG read as upstream reads them.
set -o errexit -o nounset -o pipefail
KUBE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
source "${KUBE_ROOT}/hack/lib/init.sh"
kube::golang::setup_env
cd "${KUBE_ROOT}"

gotestsum="${KUBE_OUTPUT}/go/bin/gotestsum"
if [[ ! -x "${gotestsum}" ]]; then
  echo "gotestsum not found; installing from ./hack/tools"
  go build -o "${gotestsum}" ./hack/tools/gotestsum
fi

targets=()
for target in "$@"; do
  if [[ "${target}" == */... ]]; then
    targets+=("./${target#./}")
  else
    targets+=("./$(kube::golang::target_folder "${target}")")
  fi
done
if [[ ${#targets[@]} -eq 0 ]]; then
  mapfile -t targets < <(go list -find ./... ./staging/src/k8s.io/api/... | grep -v -e '/test/e2e' -e '/test/integration' -e '/hack/tools')
fi

format=pkgname-and-test-fails
[[ -z "${FULL_LOG:-}" ]] || format=standard-verbose
echo "Running tests without code coverage ${KUBE_RACE:+and with ${KUBE_RACE}}"
# shellcheck disable=SC2086
"${gotestsum}" --format="${format}" --jsonfile="${KUBE_OUTPUT}/test-results.json" --raw-command -- \
  go test -json ${KUBE_RACE:-} "${KUBE_TIMEOUT:---timeout=180s}" "${targets[@]}" ${KUBE_TEST_ARGS:-}
