#!/usr/bin/env bash
# Times the packaging of a release from binaries already built: kube:package -Dkube.crossBuild=false and upstream's
# kube::release::package_tarballs on the same tree and _output, one after the other; prints both times and the
# ratio, and compares the tarballs entry by entry (scripts/lib/compare-tarballs.py).
#
#   scripts/bench/packaging.sh TREE "PLATFORMS" [PARTS]
#
# TREE holds a build of every target for PLATFORMS under _output/dockerized/bin (for example the tree of
# `scripts/real-tree/guide-walk.sh cross`); the server images are built into the server tarballs, as a release has them.
# PARTS (kube.tarballs, for example src,client,manifests) packs only those parts, upstream with the release.sh
# function of each; the default is the whole release.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
tree="$1"
platforms="$2"
parts="${3:-}"
declare -A functions=([src]=package_src_tarball [client]=package_client_tarballs [manifests]=package_kube_manifests_tarball
  [node]=package_node_tarballs [server]=package_server_tarballs [final]=package_final_tarball [test]=package_test_tarballs)
upstream_packaging=kube::release::package_tarballs
if [[ -n "${parts}" ]]; then
  upstream_packaging="rm -rf \"\${RELEASE_STAGE}\" \"\${RELEASE_TARS}\" && mkdir -p \"\${RELEASE_TARS}\""
  for part in ${parts//,/ }; do
    [[ -n "${functions[${part}]:-}" ]] || { echo "packaging-benchmark: no part '${part}'; parts: ${!functions[*]}" >&2; exit 2; }
    upstream_packaging+=" && kube::release::${functions[${part}]}"
  done
fi
work="$(dirname "${tree}")/packaging-benchmark"
mkdir -p "${work}"

echo "== plugin: kube:package -Dkube.crossBuild=false for ${platforms}, server images in, MAVEN_OPTS=-Xmx128m"
start=$(date +%s)
(cd "${tree}" && MAVEN_OPTS=-Xmx128m "${project}/mvnw" -B "${plugin}:package" -Dkube.crossBuild=false -Dkube.release.images=true \
  "-Dkube.platforms=${platforms}" ${parts:+"-Dkube.tarballs=${parts}"}) >"${work}/plugin-package.log" 2>&1 || { tail -40 "${work}/plugin-package.log"; exit 1; }
plugin_seconds=$(($(date +%s) - start))
rm -rf "${work}/plugin-tars"
cp -a "${tree}/_output/release-tars" "${work}/plugin-tars"

echo "== upstream: ${upstream_packaging} for ${platforms}"
start=$(date +%s)
(cd "${tree}" && KUBE_BUILD_PLATFORMS="${platforms}" KUBE_BUILD_CONFORMANCE=n KUBE_BUILD_PULL_LATEST_IMAGES=n bash -c "
  source build/common.sh && source build/lib/release.sh
  kube::version::get_version_vars
  kube::build::ensure_tar
  ${upstream_packaging}") >"${work}/upstream-package.log" 2>&1 || { tail -40 "${work}/upstream-package.log"; exit 1; }
upstream_seconds=$(($(date +%s) - start))
rm -rf "${work}/upstream-tars"
cp -a "${tree}/_output/release-tars" "${work}/upstream-tars"

echo "packaging: upstream ${upstream_seconds} s, plugin ${plugin_seconds} s, plugin/upstream $(python3 -c "print(f'{${plugin_seconds}/${upstream_seconds}:.2f}')")"
python3 "${project}/scripts/lib/compare-tarballs.py" "${work}/upstream-tars" "${work}/plugin-tars"
