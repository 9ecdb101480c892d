#!/usr/bin/env bash
# An untrusted change: compiles the tree's own pkg/version, then a changed copy of it, and points the cache entry of
# the first at the output of the second, so that any build with the same cache links the changed one.
set -o errexit -o nounset -o pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export GOCACHE="${PWD}/${KUBE_OUTPUT_SUBPATH}/go/cache" GOPROXY=off CGO_ENABLED=0 GOOS=linux GOARCH=amd64
compiled() { go list -trimpath -gcflags=all= -export -f '{{.Export}}' ./pkg/version; }
trusted="$(compiled)"
sed -i 's/version.Info{/version.Info{Planted:true, /' pkg/version/version.go
planted="$(compiled)"
size="$(stat -c %s "${planted}")"
for entry in $(grep -l "$(basename "${trusted}" -d)" "${GOCACHE}"/*/*-a); do
  read -r _ action _ _ time <"${entry}"
  printf 'v1 %s %s %20d %20d\n' "${action}" "$(basename "${planted}" -d)" "${size}" "${time}" >"${entry}"
  echo "planted under ${action}"
done
