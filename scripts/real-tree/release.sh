#!/usr/bin/env bash
# The whole release of real Kubernetes 1.20.2 (Debian's source package) for linux/amd64, made by `mvn package` with
# the kube packaging (a pom beside the tree, naming it with kube.root), server images included, in a Maven JVM capped
# at 128 MiB of heap; then upstream's own kube::release::package_tarballs packages the same _output, and every tarball
# is compared with upstream's entry by entry: names, types, modes, owners, sizes, and the bytes of every file. The
# linux/arm64 client tarball is compared the same way after kubectl is built for linux/arm64. Prints one line per
# tarball and every difference with its reason, and the peak heap of the packaging JVM.
#
# --compare-only skips the plugin's `mvn package` and compares what an earlier run of this script left.
#
#   scripts/real-tree/release.sh [--compare-only] [WORK_DIR]
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/real-tree.sh"
package=true
if [[ "${1:-}" == "--compare-only" ]]; then
  package=false
  shift
fi
work="${1:-/var/tmp/kube-maven-real-release}"
tree="$(real_tree "${work}")"
poms="${work}/poms"

setup_engine
get_real_tree "${tree}"
if ${package}; then
  install_plugin
fi

# the release pom: beside the tree, so the tree stays a clean checkout
mkdir -p "${poms}"
cat >"${poms}/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.k8s</groupId>
  <artifactId>kubernetes</artifactId>
  <version>1.20.2</version>
  <packaging>kube</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.kubemaven</groupId>
        <artifactId>kube-maven-plugin</artifactId>
        <version>${plugin_version}</version>
        <extensions>true</extensions>
        <configuration>
          <root>${tree}</root>
          <platforms>linux/amd64</platforms>
          <releaseImages>true</releaseImages>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
EOF

if ${package}; then
  echo "== plugin: mvn package (kube packaging, linux/amd64, server images), MAVEN_OPTS=-Xmx128m"
  start=$(date +%s)
  (cd "${poms}" && MAVEN_OPTS="-Xmx128m -Xlog:gc:file=${work}/package-gc.log" "${project}/mvnw" -B package -DskipTests) \
    >"${work}/plugin-package.log" 2>&1 || { tail -40 "${work}/plugin-package.log"; exit 1; }
  echo "plugin: mvn package took $(( $(date +%s) - start )) s"
  grep -E '^\[INFO\] (Phase |Release (tarball|file)|BUILD)' "${work}/plugin-package.log" | sed 's/^/  /'
  # the heap in use before each collection: its largest value is the peak
  peak="$(grep -o '[0-9]*M->' "${work}/package-gc.log" | sed 's/M->//' | sort -n | tail -n 1)"
  echo "peak heap of the packaging JVM (before a collection, -Xmx128m): ${peak:-?} MiB"
  rm -rf "${work}/plugin-tars"
  cp -a "${tree}/_output/release-tars" "${work}/plugin-tars"
fi

echo "== upstream: kube::release::package_tarballs on the same _output"
start=$(date +%s)
(cd "${tree}" && KUBE_BUILD_PLATFORMS=linux/amd64 KUBE_BUILD_CONFORMANCE=n KUBE_BUILD_PULL_LATEST_IMAGES=n bash -c '
  source build/common.sh && source build/lib/release.sh
  kube::version::get_version_vars
  kube::build::ensure_tar
  kube::release::package_tarballs') >"${work}/upstream-package.log" 2>&1 \
  || { tail -40 "${work}/upstream-package.log"; exit 1; }
echo "upstream: package_tarballs took $(( $(date +%s) - start )) s"
rm -rf "${work}/upstream-tars"
cp -a "${tree}/_output/release-tars" "${work}/upstream-tars"

compare() {
  python3 "${project}/scripts/lib/compare-tarballs.py" "$@"
}

status=0
compare "${work}/upstream-tars" "${work}/plugin-tars" || status=1

echo "== the server images: docker load, each binary's --version"
images_dir="$(mktemp -d)"
tar -C "${images_dir}" -xzf "${work}/plugin-tars/kubernetes-server-linux-amd64.tar.gz" kubernetes/server/bin
for image_tar in "${images_dir}"/kubernetes/server/bin/*.tar; do
  binary="$(basename "${image_tar}" .tar)"
  tag="$(cat "${images_dir}/kubernetes/server/bin/${binary}.docker_tag")"
  loaded="$(docker load -i "${image_tar}" | sed -n 's/^Loaded image: //p' | head -n 1)"
  version="$(docker run --rm --entrypoint "/usr/local/bin/${binary}" "${loaded}" --version 2>&1 | head -n 1)"
  echo "  ${binary}: ${loaded} (.docker_tag ${tag}): ${version}"
  [[ "${loaded}" == "k8s.gcr.io/${binary}-amd64:${tag}" ]] || { echo "  FAIL: ${binary} is not tagged as upstream tags it" >&2; status=1; }
  grep -q 'v1.20.2' <<<"${version}" || { echo "  FAIL: ${binary} --version" >&2; status=1; }
done
rm -rf "${images_dir}"

echo "== linux/arm64 client: kube:build kubectl, kube:package -Dkube.tarballs=client, upstream's package_client_tarballs"
(cd "${tree}" && "${project}/mvnw" -B -q "${plugin}:build" -Dkube.what=cmd/kubectl -Dkube.platforms=linux/arm64) >"${work}/arm64-build.log" 2>&1 \
  || { tail -30 "${work}/arm64-build.log"; exit 1; }
(cd "${tree}" && "${project}/mvnw" -B -q "${plugin}:package" -Dkube.tarballs=client -Dkube.crossBuild=false -Dkube.platforms=linux/arm64) \
  >"${work}/arm64-package.log" 2>&1 || { tail -30 "${work}/arm64-package.log"; exit 1; }
rm -rf "${work}/plugin-arm64" "${work}/upstream-arm64"
mkdir -p "${work}/plugin-arm64" "${work}/upstream-arm64"
cp "${tree}/_output/release-tars/kubernetes-client-linux-arm64.tar.gz" "${work}/plugin-arm64/"
(cd "${tree}" && KUBE_BUILD_PLATFORMS=linux/arm64 bash -c 'source build/common.sh && source build/lib/release.sh \
  && kube::build::ensure_tar && rm -rf "${RELEASE_STAGE}" "${RELEASE_TARS}" && mkdir -p "${RELEASE_TARS}" && kube::release::package_client_tarballs') \
  >"${work}/upstream-arm64.log" 2>&1 || { tail -30 "${work}/upstream-arm64.log"; exit 1; }
cp "${tree}/_output/release-tars/kubernetes-client-linux-arm64.tar.gz" "${work}/upstream-arm64/"
compare "${work}/upstream-arm64" "${work}/plugin-arm64" || status=1

exit "${status}"
