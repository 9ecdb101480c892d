#!/usr/bin/env bash
# Installs and starts what the plugin and its tests need on a Debian machine: a Docker engine, rsync,
# the local base image that stands in for kube-cross, and make with Go 1.19 for the host-side build. Safe to run again: each step
# is skipped when its result is already there.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

need_packages=()
command -v dockerd >/dev/null 2>&1 || need_packages+=(docker.io)
command -v rsync >/dev/null 2>&1 || need_packages+=(rsync)
command -v debootstrap >/dev/null 2>&1 || need_packages+=(debootstrap)
command -v make >/dev/null 2>&1 || need_packages+=(make)
[[ -x /usr/lib/go-1.19/bin/go ]] || need_packages+=(golang-1.19-go)
# a private registry with a login, for the tests of pulling with settings.xml credentials
command -v docker-registry >/dev/null 2>&1 || need_packages+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || need_packages+=(apache2-utils)
# a console to run Maven on, for the test of the live progress footer
command -v tmux >/dev/null 2>&1 || need_packages+=(tmux)
if ((${#need_packages[@]})); then
  echo "setup-engine: installing ${need_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  echo "setup-engine: starting dockerd"
  nohup dockerd >/var/log/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || { echo "setup-engine: dockerd did not answer; see /var/log/dockerd.log" >&2; exit 1; }
fi

"${project}/scripts/setup/base-image.sh"
