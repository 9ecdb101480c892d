#!/usr/bin/env bash
# Version stamping for the example tree, with the rules Kubernetes uses:
# KUBE_GIT_VERSION_FILE wins; otherwise git describe, made a semantic version, "-dirty" when the tree has changes.

kube::version::get_version_vars() {
  if [[ -n "${KUBE_GIT_VERSION_FILE-}" ]]; then
    # shellcheck disable=SC1090
    source "${KUBE_GIT_VERSION_FILE}"
    return
  fi
  local -a git=(git --work-tree "${KUBE_ROOT}")
  KUBE_GIT_COMMIT="$("${git[@]}" rev-parse "HEAD^{commit}" 2>/dev/null)" || { KUBE_GIT_COMMIT=""; return 0; }
  if [[ -z "$("${git[@]}" status --porcelain 2>/dev/null)" ]]; then
    KUBE_GIT_TREE_STATE=clean
  else
    KUBE_GIT_TREE_STATE=dirty
  fi
  KUBE_GIT_VERSION="$("${git[@]}" describe --tags --match='v*' --abbrev=14 "${KUBE_GIT_COMMIT}^{commit}" 2>/dev/null)" || return 0
  case "$(tr -cd '-' <<<"${KUBE_GIT_VERSION}")" in
    ---) KUBE_GIT_VERSION="$(sed -E 's/-([0-9]+)-g([0-9a-f]{14})$/.\1+\2/' <<<"${KUBE_GIT_VERSION}")" ;;
    --) KUBE_GIT_VERSION="$(sed -E 's/-g([0-9a-f]{14})$/+\1/' <<<"${KUBE_GIT_VERSION}")" ;;
  esac
  [[ "${KUBE_GIT_TREE_STATE}" == dirty ]] && KUBE_GIT_VERSION+="-dirty"
  if [[ "${KUBE_GIT_VERSION}" =~ ^v([0-9]+)\.([0-9]+)(\.[0-9]+)?(-[^+]*)?(\+.*)?$ ]]; then
    KUBE_GIT_MAJOR="${BASH_REMATCH[1]}"
    KUBE_GIT_MINOR="${BASH_REMATCH[2]}${BASH_REMATCH[4]:++}"
  fi
}

kube::version::save_version_vars() {
  printf "KUBE_GIT_COMMIT='%s'\nKUBE_GIT_TREE_STATE='%s'\nKUBE_GIT_VERSION='%s'\nKUBE_GIT_MAJOR='%s'\nKUBE_GIT_MINOR='%s'\n" \
    "${KUBE_GIT_COMMIT-}" "${KUBE_GIT_TREE_STATE-}" "${KUBE_GIT_VERSION-}" "${KUBE_GIT_MAJOR-}" "${KUBE_GIT_MINOR-}" > "$1"
}

kube::version::ldflags() {
  local build_date
  if [[ -n "${SOURCE_DATE_EPOCH-}" ]]; then
    build_date="$(date -u -d "@${SOURCE_DATE_EPOCH}" +%Y-%m-%dT%H:%M:%SZ)"
  else
    build_date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  fi
  local package=k8s.io/kubernetes/pkg/version
  local flags="-X ${package}.buildDate=${build_date}"
  [[ -n "${KUBE_GIT_COMMIT-}" ]] && flags+=" -X ${package}.gitCommit=${KUBE_GIT_COMMIT} -X ${package}.gitTreeState=${KUBE_GIT_TREE_STATE}"
  [[ -n "${KUBE_GIT_VERSION-}" ]] && flags+=" -X ${package}.gitVersion=${KUBE_GIT_VERSION}"
  [[ -n "${KUBE_GIT_MAJOR-}" ]] && flags+=" -X ${package}.gitMajor=${KUBE_GIT_MAJOR} -X ${package}.gitMinor=${KUBE_GIT_MINOR}"
  echo "${flags}"
}
