#!/usr/bin/env bash
# Release packaging of the example tree: stages each tarball's tree under _output/release-stage and makes it
# with create_tarball, following the layout of Kubernetes' build/lib/release.sh.
RELEASE_STAGE="${LOCAL_OUTPUT_ROOT}/release-stage"
RELEASE_TARS="${LOCAL_OUTPUT_ROOT}/release-tars"

kube::release::create_tarball() {
  kube::build::ensure_tar
  "${TAR}" czf "$1" -C "$2" kubernetes --owner=0 --group=0
}

kube::release::package_src_tarball() {
  (cd "${KUBE_ROOT}" && "${TAR}" czf "${RELEASE_TARS}/kubernetes-src.tar.gz" --transform 's|^\.|kubernetes|' \
    --exclude='./_*' --exclude='./.git*' .)
}

kube::release::stage_binaries() {
  local platform="$1" destination="$2"
  shift 2
  local binary
  mkdir -p "${destination}"
  for binary in "$@"; do
    [[ "${platform%/*}" == windows ]] && binary+=".exe"
    cp "${LOCAL_OUTPUT_BINPATH}/${platform}/${binary}" "${destination}/"
  done
}

kube::release::package_client_tarballs() {
  local platform stage
  for platform in "${KUBE_CLIENT_PLATFORMS[@]}"; do
    stage="${RELEASE_STAGE}/client/${platform/\//-}/kubernetes"
    kube::release::stage_binaries "${platform}" "${stage}/client/bin" "${KUBE_CLIENT_BINARIES[@]}"
    kube::release::create_tarball "${RELEASE_TARS}/kubernetes-client-${platform/\//-}.tar.gz" "${stage}/.."
  done
}

kube::release::package_node_tarballs() {
  local platform stage
  for platform in "${KUBE_NODE_PLATFORMS[@]}"; do
    stage="${RELEASE_STAGE}/node/${platform/\//-}/kubernetes"
    kube::release::stage_binaries "${platform}" "${stage}/node/bin" "${KUBE_NODE_BINARIES[@]}" "${KUBE_CLIENT_BINARIES[@]}"
    cp -R "${KUBE_ROOT}/LICENSES" "${stage}/"
    cp "${RELEASE_TARS}/kubernetes-src.tar.gz" "${stage}/"
    kube::release::create_tarball "${RELEASE_TARS}/kubernetes-node-${platform/\//-}.tar.gz" "${stage}/.."
  done
}

# Wraps each server binary named by get_docker_wrapped_binaries in an image saved beside it as <binary>.tar,
# with its tag in <binary>.docker_tag.
kube::release::create_docker_images_for_server() {
  local binary_dir="$1" arch="$2" wrapped name base tag context
  tag="${KUBE_GIT_VERSION/+/_}"
  for wrapped in $(kube::build::get_docker_wrapped_binaries); do
    name="${wrapped%%,*}"
    base="${wrapped##*,}"
    context="$(mktemp -d)"
    cp "${binary_dir}/${name}" "${context}/"
    printf 'FROM %s\nCOPY %s /usr/local/bin/%s\n' "${base}" "${name}" "${name}" > "${context}/Dockerfile"
    docker build -q -t "k8s.gcr.io/${name}-${arch}:${tag}" "${context}" >/dev/null
    docker save -o "${binary_dir}/${name}.tar" "k8s.gcr.io/${name}-${arch}:${tag}"
    echo "${tag}" > "${binary_dir}/${name}.docker_tag"
    docker rmi "k8s.gcr.io/${name}-${arch}:${tag}" >/dev/null
    rm -rf "${context}"
  done
}

kube::release::package_server_tarballs() {
  local platform stage
  for platform in "${KUBE_SERVER_PLATFORMS[@]}"; do
    stage="${RELEASE_STAGE}/server/${platform/\//-}/kubernetes"
    kube::release::stage_binaries "${platform}" "${stage}/server/bin" "${KUBE_SERVER_BINARIES[@]}" "${KUBE_CLIENT_BINARIES[@]}"
    kube::release::create_docker_images_for_server "${stage}/server/bin" "${platform#*/}"
    mkdir -p "${stage}/addons"
    cp -R "${KUBE_ROOT}/LICENSES" "${stage}/"
    cp "${RELEASE_TARS}/kubernetes-src.tar.gz" "${stage}/"
    kube::release::create_tarball "${RELEASE_TARS}/kubernetes-server-${platform/\//-}.tar.gz" "${stage}/.."
  done
}

kube::release::package_kube_manifests_tarball() {
  local stage="${RELEASE_STAGE}/manifests/kubernetes"
  mkdir -p "${stage}/gci-trusty"
  cp "${KUBE_ROOT}"/cluster/gce/manifests/*.manifest "${stage}/gci-trusty/"
  cp -R "${KUBE_ROOT}/cluster/addons/." "${stage}/gci-trusty/"
  kube::release::create_tarball "${RELEASE_TARS}/kubernetes-manifests.tar.gz" "${stage}/.."
}

kube::release::package_test_tarballs() {
  local platform stage
  for platform in "${KUBE_TEST_PLATFORMS[@]}"; do
    stage="${RELEASE_STAGE}/test/${platform/\//-}/kubernetes"
    kube::release::stage_binaries "${platform}" "${stage}/test/bin" "${KUBE_TEST_BINARIES[@]}"
    kube::release::create_tarball "${RELEASE_TARS}/kubernetes-test-${platform/\//-}.tar.gz" "${stage}/.."
  done
  stage="${RELEASE_STAGE}/test/kubernetes"
  mkdir -p "${stage}/test"
  cp -R "${KUBE_ROOT}/test/images" "${stage}/test/"
  (cd "${KUBE_ROOT}" && "${TAR}" c "${KUBE_TEST_PORTABLE[@]}") | "${TAR}" x -C "${stage}"
  kube::release::create_tarball "${RELEASE_TARS}/kubernetes-test-portable.tar.gz" "${stage}/.."
}

kube::release::package_final_tarball() {
  local stage="${RELEASE_STAGE}/full/kubernetes"
  mkdir -p "${stage}/server" "${stage}/hack"
  cp -R "${KUBE_ROOT}/cluster" "${KUBE_ROOT}/docs" "${KUBE_ROOT}/LICENSES" "${KUBE_ROOT}/README.md" "${stage}/"
  cp -R "${KUBE_ROOT}/hack/lib" "${stage}/hack/"
  cp "${RELEASE_TARS}/kubernetes-manifests.tar.gz" "${stage}/server/"
  echo "${KUBE_GIT_VERSION}" > "${stage}/version"
  kube::release::create_tarball "${RELEASE_TARS}/kubernetes.tar.gz" "${stage}/.."
}

kube::release::package_tarballs() {
  rm -rf "${RELEASE_STAGE}" "${RELEASE_TARS}"
  mkdir -p "${RELEASE_TARS}"
  kube::release::package_src_tarball
  kube::release::package_client_tarballs
  kube::release::package_kube_manifests_tarball
  kube::release::package_node_tarballs
  kube::release::package_server_tarballs
  kube::release::package_final_tarball
  kube::release::package_test_tarballs
}
