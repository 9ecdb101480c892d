#!/usr/bin/env bash
# Release packaging of the example tree, laid out as Kubernetes 1.29-1.34's build/lib/release.sh lays it out:
# server tarballs go through build_server_images, which needs docker buildx, and test binaries ship per platform.
RELEASE_STAGE="${LOCAL_OUTPUT_ROOT}/release-stage"
RELEASE_TARS="${LOCAL_OUTPUT_ROOT}/release-tars"
RELEASE_IMAGES="${LOCAL_OUTPUT_ROOT}/release-images"

kube::release::create_tarball() {
  kube::build::ensure_tar
  "${TAR}" czf "$1" -C "$2" kubernetes --owner=0 --group=0
}

# A clean tree's source is its commit, as git archive writes it; a dirty one's is the files, under kubernetes/.
kube::release::package_src_tarball() {
  if [[ "${KUBE_GIT_TREE_STATE-}" == clean ]]; then
    git -C "${KUBE_ROOT}" archive -o "${RELEASE_TARS}/kubernetes-src.tar.gz" HEAD
  else
    (cd "${KUBE_ROOT}" && "${TAR}" czf "${RELEASE_TARS}/kubernetes-src.tar.gz" --transform 's|^\.|kubernetes|' \
      --exclude='./_*' --exclude='./.git*' .)
  fi
}

# stage_binaries PLATFORM DESTINATION BINARY...: copies the platform's binaries, with .exe on windows.
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

# Builds each wrapped server binary of one platform into an image archive beside it (<binary>.tar) with buildx,
# its tag in <binary>.docker_tag, and a link to the archive under release-images/<arch>/.
kube::release::create_docker_images_for_server() {
  local binary_dir="$1" arch="$2" os="${3:-linux}" wrapped name base tag context
  tag="${KUBE_GIT_VERSION/+/_}"
  mkdir -p "${RELEASE_IMAGES}/${arch}"
  for wrapped in $(kube::build::get_docker_wrapped_binaries "${os}"); do
    name="${wrapped%%,*}"
    base="${wrapped##*,}"
    context="${binary_dir}/${name}.dockerbuild"
    rm -rf "${context}"
    mkdir -p "${context}"
    cp "${binary_dir}/${name}" "${context}/"
    docker buildx build -q -f "${KUBE_ROOT}/build/server-image/Dockerfile" --platform "${os}/${arch}" \
      --output "type=docker,dest=${binary_dir}/${name}.tar" -t "registry.k8s.io/${name}-${arch}:${tag}" \
      --build-arg BASEIMAGE="${base}" --build-arg SETCAP_IMAGE="${KUBE_BUILD_SETCAP_IMAGE}" \
      --build-arg BINARY="${name}" "${context}" >/dev/null
    echo "${tag}" > "${binary_dir}/${name}.docker_tag"
    rm -rf "${context}"
    ln "${binary_dir}/${name}.tar" "${RELEASE_IMAGES}/${arch}/"
  done
}

kube::release::build_server_images() {
  kube::util::ensure-docker-buildx
  docker buildx create --name img-builder --use >/dev/null || true
  docker buildx inspect --bootstrap >/dev/null
  kube::util::trap_add 'docker buildx rm img-builder >/dev/null 2>&1 || true' EXIT

  rm -rf "${RELEASE_IMAGES}"
  local platform stage
  for platform in "${KUBE_SERVER_PLATFORMS[@]}"; do
    stage="${RELEASE_STAGE}/server/${platform/\//-}/kubernetes"
    rm -rf "${stage}"
    kube::release::stage_binaries "${platform}" "${stage}/server/bin" "${KUBE_SERVER_IMAGE_BINARIES[@]}"
    kube::release::create_docker_images_for_server "${stage}/server/bin" "${platform#*/}" "${platform%/*}"
  done
}

kube::release::package_server_tarballs() {
  kube::release::build_server_images
  local platform stage
  for platform in "${KUBE_SERVER_PLATFORMS[@]}"; do
    stage="${RELEASE_STAGE}/server/${platform/\//-}/kubernetes"
    mkdir -p "${stage}/addons"
    kube::release::stage_binaries "${platform}" "${stage}/server/bin" "${KUBE_SERVER_BINARIES[@]}" "${KUBE_CLIENT_BINARIES[@]}"
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

kube::release::package_test_platform_tarballs() {
  local platform stage
  for platform in "${KUBE_TEST_PLATFORMS[@]}"; do
    stage="${RELEASE_STAGE}/test/${platform/\//-}/kubernetes"
    kube::release::stage_binaries "${platform}" "${stage}/test/bin" "${KUBE_TEST_BINARIES[@]}"
    kube::release::create_tarball "${RELEASE_TARS}/kubernetes-test-${platform/\//-}.tar.gz" "${stage}/.."
  done
}

kube::release::package_test_tarballs() {
  kube::release::package_test_platform_tarballs
  local stage="${RELEASE_STAGE}/test/kubernetes"
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
  kube::build::ensure_tar
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
