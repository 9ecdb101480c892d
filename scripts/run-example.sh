#!/usr/bin/env bash
# Builds the bundled example tree (src/it/fixture-tree) with kube:build for linux/amd64 and linux/arm64,
# setting up the Docker engine and the base image first when they are missing.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
tree="${1:-${project}/target/example-tree}"

setup_engine
install_plugin

get_example_tree "${tree}"

cd "${tree}"
"${project}/mvnw" -B "${plugin}:build" -Dkube.platforms="linux/amd64 linux/arm64"
echo
for binary in _output/dockerized/bin/linux/*/*; do
  echo "${binary}: $(file -b "${binary}" | cut -d, -f1-2)"
done
_output/dockerized/bin/linux/amd64/kubectl version
