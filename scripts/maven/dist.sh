#!/usr/bin/env bash
# Prints the home of Apache Maven VERSION, resolved once from Maven Central through the project's Maven (so that
# settings.xml mirrors and proxies apply) and unpacked under MAVENS_DIR.
#
#   scripts/maven/dist.sh VERSION
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
version="$1"
dir="${MAVENS_DIR:-/var/tmp/kube-maven-mavens}"
home="${dir}/apache-maven-${version}"
if [[ ! -x "${home}/bin/mvn" ]]; then
  mkdir -p "${dir}"
  download="$(mktemp -d "${dir}/.download.XXXXXX")"
  "${project}/mvnw" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.11.0:copy \
    -Dartifact="org.apache.maven:apache-maven:${version}:tar.gz:bin" -DoutputDirectory="${download}" >&2
  tar -C "${download}" -xzf "${download}/apache-maven-${version}-bin.tar.gz"
  rm -rf "${home}"
  mv "${download}/apache-maven-${version}" "${home}"
  rm -rf "${download}"
fi
echo "${home}"
