#!/usr/bin/env bash
# Builds kubectl of real Kubernetes 1.20.2 (Debian's source package) with kube:build, checks its version
# stamp, and, with --with-upstream, compares it with what upstream's build/run.sh gives on the same tree.
# Then packages the linux/amd64 client tarball with kube:package and compares its entries, modes and owners
# with the one upstream's kube::release::package_client_tarballs makes from the same _output.
#
#   scripts/real-tree/kubectl.sh [--with-upstream] [WORK_DIR]
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/real-tree.sh"
with_upstream=false
if [[ "${1:-}" == "--with-upstream" ]]; then
  with_upstream=true
  shift
fi
work="${1:-${real_work}}"
tree="$(real_tree "${work}")"
kubectl="${tree}/_output/dockerized/bin/linux/amd64/kubectl"

setup_engine
get_real_tree "${tree}"
install_plugin

if ${with_upstream}; then
  echo "== upstream: build/run.sh make WHAT=cmd/kubectl"
  start=$(date +%s)
  (cd "${tree}" && KUBE_BUILD_PLATFORMS=linux/amd64 build/run.sh make WHAT=cmd/kubectl)
  echo "upstream wall time: $(( $(date +%s) - start )) s"
  upstream_version="$("${kubectl}" version --client)"
  echo "upstream: ${upstream_version}"
  rm -f "${kubectl}"
fi

echo "== plugin: mvn ${plugin}:build -Dkube.what=cmd/kubectl -Dkube.platforms=linux/amd64"
start=$(date +%s)
(cd "${tree}" && "${project}/mvnw" -B "${plugin}:build" -Dkube.what=cmd/kubectl -Dkube.platforms=linux/amd64) | tee "${work}/plugin-build.log" \
  | grep -E 'Phase |BUILD|ERROR|Building Docker image|up to date|data container'
echo "plugin wall time: $(( $(date +%s) - start )) s"

plugin_version_line="$("${kubectl}" version --client)"
echo "plugin: ${plugin_version_line}"
grep -q 'GitVersion:"v1.20.2"' <<<"${plugin_version_line}" || { echo "FAIL: kubectl is not stamped v1.20.2" >&2; exit 1; }
if ${with_upstream}; then
  field() { grep -o "$1:\"[^\"]*\"" <<<"$2"; }
  for name in GitVersion GitCommit GitTreeState; do
    [[ "$(field "${name}" "${upstream_version}")" == "$(field "${name}" "${plugin_version_line}")" ]] \
      || { echo "FAIL: ${name} differs from upstream's" >&2; exit 1; }
  done
  echo "GitVersion, GitCommit and GitTreeState match upstream's"
fi
tree_hash="$(grep -o 'kube-mvn-data-[0-9a-f]\{10\}' "${work}/plugin-build.log" | head -n 1 | cut -d- -f4)"
left="$(docker ps -q --filter "label=io.github.kubemaven.tree=${tree_hash}" --filter label=io.github.kubemaven.role=rsync)"
left+="$(docker ps -q --filter "label=io.github.kubemaven.tree=${tree_hash}" --filter label=io.github.kubemaven.role=build)"
[[ -z "${left}" ]] || { echo "FAIL: containers left running: ${left}" >&2; exit 1; }
echo "no rsync or build container left running"

echo "== plugin: kube:package -Dkube.tarballs=client -Dkube.crossBuild=false -Dkube.platforms=linux/amd64, in a JVM capped at 64 MiB of heap"
start=$(date +%s)
(cd "${tree}" && MAVEN_OPTS="-Xmx64m" "${project}/mvnw" -B "${plugin}:package" -Dkube.tarballs=client -Dkube.crossBuild=false -Dkube.platforms=linux/amd64) \
  > "${work}/plugin-package.log" || { tail -30 "${work}/plugin-package.log"; exit 1; }
echo "plugin packaging wall time: $(( $(date +%s) - start )) s"
cp "${tree}/_output/release-tars/kubernetes-client-linux-amd64.tar.gz" "${work}/plugin-client-linux-amd64.tar.gz"

echo "== upstream: kube::release::package_client_tarballs on the same _output"
start=$(date +%s)
(cd "${tree}" && KUBE_BUILD_PLATFORMS=linux/amd64 bash -c 'source build/common.sh && source build/lib/release.sh \
  && kube::build::ensure_tar && mkdir -p "${RELEASE_TARS}" && kube::release::package_client_tarballs') > "${work}/upstream-package.log" 2>&1
echo "upstream packaging wall time: $(( $(date +%s) - start )) s"
cp "${tree}/_output/release-tars/kubernetes-client-linux-amd64.tar.gz" "${work}/upstream-client-linux-amd64.tar.gz"

listing() { tar --numeric-owner -tvzf "$1" | awk '{print $1, $2, $3, $6}' | sort -k4; }
listing "${work}/plugin-client-linux-amd64.tar.gz" > "${work}/plugin-client.list"
listing "${work}/upstream-client-linux-amd64.tar.gz" > "${work}/upstream-client.list"
echo "entries (mode owner size name), plugin:"
cat "${work}/plugin-client.list"
if diff -u "${work}/upstream-client.list" "${work}/plugin-client.list"; then
  echo "client tarball: same entries, modes, owners and sizes as upstream's"
else
  echo "FAIL: the client tarball differs from upstream's" >&2
  exit 1
fi
