#!/usr/bin/env bash
# The docker command of a machine that has none: hands each call to kube-maven-plugin, which makes it through the
# Engine API and answers through a FIFO of the call's own, so that calls made at the same time (release scripts build
# images in background jobs) each get their answer. A call is one line on the file descriptor
# KUBE_MVN_DOCKER_CALLS (the staging script's standard output, which a redirection of docker's output leaves alone):
#   KUBE_MVN_DOCKER <TAB> answer FIFO <TAB> working folder <TAB> argument ...   (all but the FIFO in base64)
# The answer is lines "out TEXT" (standard output) and "err TEXT" (standard error), then "exit CODE".
set -o nounset

encoded() {
  printf '%s' "$1" | base64 | tr -d '\n'
}

answer="$(mktemp -u "${KUBE_MVN_DOCKER_RELAY}/answer.XXXXXXXXXX")"
mkfifo -m 600 "${answer}" || exit 1
trap 'rm -f "${answer}"' EXIT
exec {replies}<>"${answer}"
call="KUBE_MVN_DOCKER"$'\t'"${answer}"$'\t'"$(encoded "${PWD}")"
for argument in "$@"; do
  call+=$'\t'"$(encoded "${argument}")"
done
printf '%s\n' "${call}" >&"${KUBE_MVN_DOCKER_CALLS}"
code=1
while IFS= read -r line <&"${replies}"; do
  case "${line}" in
    "out "*) printf '%s\n' "${line#out }" ;;
    "err "*) printf '%s\n' "${line#err }" >&2 ;;
    "exit "*) code="${line#exit }"; break ;;
  esac
done
exit "${code}"
