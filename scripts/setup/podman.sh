#!/usr/bin/env bash
# Installs and starts Podman's Docker-compatible API at unix:///run/podman/podman.sock beside the Docker engine, so the
# plugin can be tried on it (DOCKER_HOST=unix:///run/podman/podman.sock), and loads the local base images from the
# Docker engine into it (run setup/engine.sh first). Safe to run again: each step is skipped when its result is
# already there. --stop stops the service this script started (the images stay in Podman's store).
#
#   scripts/setup/podman.sh [--stop]
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

socket="/run/podman/podman.sock"
log_file="/var/log/kube-maven-podman.log"
pid_file="/run/podman/kube-maven-podman.pid"
conf="/etc/containers/containers.conf"
ulimits='default_ulimits = ["nofile=20000:20000", "nproc=20000:20000"]'
# The images setup/base-image.sh makes, under the names the example tree, the tests and Kubernetes 1.20 ask for.
images=(
  "kube-maven-plugin/go-base:1.19"
  "kube-maven-plugin/kube-cross:v1.19.8-1"
  "k8s.gcr.io/build-image/kube-cross:v1.15.5-1"
  "kube-maven-plugin/server-base:1"
)

api() {
  curl -fsS --max-time 10 --unix-socket "${socket}" "http://d$1"
}

if [[ "${1:-}" == "--stop" ]]; then
  if [[ -s "${pid_file}" ]] && kill "$(cat "${pid_file}")" 2>/dev/null; then
    for _ in $(seq 1 20); do kill -0 "$(cat "${pid_file}")" 2>/dev/null || break; sleep 0.5; done
    echo "setup-podman: stopped the podman service"
  fi
  rm -f "${pid_file}"
  exit 0
fi

# catatonit is the init Podman runs containers under when they ask for one, as the plugin's do.
need_packages=()
command -v podman >/dev/null 2>&1 || need_packages+=(podman)
[[ -x /usr/libexec/podman/catatonit ]] || need_packages+=(catatonit)
if ((${#need_packages[@]})); then
  echo "setup-podman: installing ${need_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

# runc on these machines refuses Podman's default rlimits ("error setting rlimit type 7: operation not permitted").
if ! grep -qxF "${ulimits}" "${conf}" 2>/dev/null; then
  echo "setup-podman: setting default_ulimits in ${conf}"
  mkdir -p "$(dirname "${conf}")"
  touch "${conf}"
  tmp="$(mktemp "${conf}.XXXXXX")"
  awk -v line="${ulimits}" '
    /^[[:space:]]*\[/ { in_containers = ($0 ~ /^[[:space:]]*\[containers\][[:space:]]*$/) }
    in_containers && /^[[:space:]]*default_ulimits[[:space:]]*=/ {
      # a value over several lines ends with its closing bracket
      while ($0 !~ /\]/ && (getline) > 0) { }
      next
    }
    { print }
    /^[[:space:]]*\[containers\][[:space:]]*$/ && !done { print line; done = 1 }
    END { if (!done) { print ""; print "[containers]"; print line } }
  ' "${conf}" >"${tmp}"
  chmod 644 "${tmp}"
  mv "${tmp}" "${conf}"
  if api /_ping >/dev/null 2>&1; then
    # a running service read the old settings: start it anew below
    if [[ -s "${pid_file}" ]] && kill "$(cat "${pid_file}")" 2>/dev/null; then
      echo "setup-podman: restarting the podman service to read ${conf}"
    else
      echo "setup-podman: a podman service this script did not start answers at ${socket}; restart it to read ${conf}" >&2
      exit 1
    fi
    for _ in $(seq 1 20); do api /_ping >/dev/null 2>&1 || break; sleep 0.5; done
  fi
fi

if ! api /_ping >/dev/null 2>&1; then
  echo "setup-podman: starting podman system service at unix://${socket}"
  mkdir -p "$(dirname "${socket}")"
  rm -f "${socket}"
  # conmon, started by the service for each container, needs a working directory that stays: a deleted one fails
  # every container start with "Failed to get working directory"
  cd /
  nohup setsid podman system service --time=0 "unix://${socket}" >>"${log_file}" 2>&1 </dev/null &
  echo "$!" >"${pid_file}"
  for _ in $(seq 1 60); do
    api /_ping >/dev/null 2>&1 && break
    sleep 0.5
  done
  api /_ping >/dev/null 2>&1 || { echo "setup-podman: the podman service did not answer; see ${log_file}" >&2; exit 1; }
fi

# The id the Docker-compatible API gives for a name (sha256:...), or nothing when the name does not resolve.
api_image_id() {
  { api "/v1.41/images/$1/json" 2>/dev/null || true; } | grep -o '"Id":"[^"]*"' | head -n 1 | cut -d'"' -f4 || true
}

missing=()
for image in "${images[@]}"; do
  wanted="$(docker image inspect --format '{{.Id}}' "${image}" 2>/dev/null)" \
    || { echo "setup-podman: the Docker engine has no ${image}; run scripts/setup/engine.sh first" >&2; exit 1; }
  [[ "$(api_image_id "${image}")" == "${wanted}" ]] || missing+=("${image}")
done
if ((${#missing[@]})); then
  # Load only the images podman lacks by id; the others just get their name.
  to_load=()
  for image in "${missing[@]}"; do
    wanted="$(docker image inspect --format '{{.Id}}' "${image}")"
    podman image exists "${wanted#sha256:}" || to_load+=("${image}")
  done
  if ((${#to_load[@]})); then
    echo "setup-podman: loading ${to_load[*]} from the Docker engine (about half a minute for the base image)"
    docker save "${to_load[@]}" | podman load -q >/dev/null
  fi
  for image in "${missing[@]}"; do
    wanted="$(docker image inspect --format '{{.Id}}' "${image}")"
    # podman names an image without a registry localhost/NAME; the Docker API resolves a short name to that too
    if [[ "$(api_image_id "${image}")" != "${wanted}" ]]; then
      echo "setup-podman: naming ${wanted:7:12} ${image} in podman"
      podman tag "${wanted#sha256:}" "${image}"
    fi
    [[ "$(api_image_id "${image}")" == "${wanted}" ]] \
      || { echo "setup-podman: podman's Docker API does not resolve ${image} to ${wanted}" >&2; exit 1; }
  done
fi
echo "setup-podman: podman $(podman version --format '{{.Server.Version}}' 2>/dev/null || podman --version) ready at unix://${socket}"
