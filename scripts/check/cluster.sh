#!/usr/bin/env bash
# A smoke check of the cluster scripts/setup/cluster.sh starts: waits for both nodes Ready, runs one pod on each
# node (an image already in that node's engine: nothing can be pulled here), and through the apiserver execs
# `uname -n` in each, reads its log, streams a tar of 50 MB in and out and compares the checksums; then deletes
# the pods. Exits non-zero on any failure.
#
#   scripts/check/cluster.sh [IMAGE]    (IMAGE: kube-maven-plugin/go-base:1.19 unless given)
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

env_file=/var/lib/kube-maven-it/cluster/env
image="${1:-kube-maven-plugin/go-base:1.19}"
namespace=default
label=io.github.kubemaven.cluster-check=true

say() { echo "check-cluster: $*"; }
die() { echo "check-cluster: FAILED: $*" >&2; exit 1; }
[[ -f "${env_file}" ]] || die "no ${env_file}: start the cluster with scripts/setup/cluster.sh"
# shellcheck disable=SC1090
source "${env_file}"
kubectl() { "${CLUSTER_KUBECTL}" --kubeconfig "${CLUSTER_KUBECONFIG}" "$@"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
since() { echo "$(($(now_ms) - $1)) ms"; }

work="$(mktemp -d /var/tmp/kube-maven-cluster-check.XXXXXX)"
cleanup() {
  kubectl delete pod -n "${namespace}" -l "${label}" --wait=true --timeout=180s >/dev/null 2>&1 || true
  rm -rf "${work}"
}
trap cleanup EXIT

started=$(now_ms)
for node in "${CLUSTER_NODE_1}" "${CLUSTER_NODE_2}"; do
  kubectl wait --for=condition=Ready "node/${node}" --timeout=120s >/dev/null || die "node ${node} is not Ready"
done
say "both nodes Ready ($(since "${started}"))"
kubectl get nodes -o wide

for engine in "${CLUSTER_NODE_1_DOCKER_HOST}" "${CLUSTER_NODE_2_DOCKER_HOST}"; do
  docker -H "${engine}" image inspect "${image}" >/dev/null 2>&1 || die "${engine} has no ${image}"
done
# The ServiceAccount admission refuses pods until the token controller has made the namespace's default account.
for _ in $(seq 1 120); do kubectl get serviceaccount default -n "${namespace}" >/dev/null 2>&1 && break; sleep 0.5; done

nodes=("${CLUSTER_NODE_1}" "${CLUSTER_NODE_2}")
pods=()
t=$(now_ms)
for node in "${nodes[@]}"; do
  pod="kube-maven-check-${node##*-}"
  pods+=("${pod}")
  kubectl apply -f - >/dev/null <<EOF || die "cannot create pod ${pod}"
apiVersion: v1
kind: Pod
metadata:
  name: ${pod}
  namespace: ${namespace}
  labels:
    ${label%%=*}: "true"
spec:
  nodeSelector:
    kubernetes.io/hostname: ${node}
  terminationGracePeriodSeconds: 1
  containers:
  - name: main
    image: ${image}
    imagePullPolicy: Never
    command: ["sh", "-c", "echo started on \$(uname -n); exec sleep 3600"]
EOF
done
for pod in "${pods[@]}"; do
  kubectl wait --for=condition=Ready "pod/${pod}" -n "${namespace}" --timeout=120s >/dev/null \
    || { kubectl describe pod "${pod}" -n "${namespace}" | tail -20 >&2; die "pod ${pod} is not Ready"; }
done
say "pods Ready ($(since "${t}"))"
kubectl get pods -n "${namespace}" -l "${label}" -o wide

# 50 MB of random bytes and a small executable file, to see that bytes and modes come through.
mkdir -p "${work}/in"
head -c $((50 * 1024 * 1024)) /dev/urandom >"${work}/in/random.bin"
printf '#!/bin/sh\necho hello\n' >"${work}/in/run.sh"
chmod 750 "${work}/in/run.sh"
(cd "${work}/in" && sha256sum random.bin run.sh && stat -c '%a %n' run.sh) >"${work}/expected"

for i in "${!pods[@]}"; do
  pod="${pods[${i}]}"
  node="${nodes[${i}]}"
  on="$(kubectl get pod "${pod}" -n "${namespace}" -o 'jsonpath={.spec.nodeName}')"
  [[ "${on}" == "${node}" ]] || die "pod ${pod} runs on ${on}, not ${node}"

  t=$(now_ms)
  name="$(kubectl exec -n "${namespace}" "${pod}" -- uname -n)" || die "exec uname -n in ${pod} failed"
  [[ "${name}" == "${pod}" ]] || die "uname -n in ${pod} printed ${name}"
  say "${pod} on ${node}: exec uname -n -> ${name} ($(since "${t}"))"

  log="$(kubectl logs -n "${namespace}" "${pod}")" || die "kubectl logs ${pod} failed"
  [[ "${log}" == "started on ${pod}" ]] || die "the log of ${pod} reads '${log}'"
  say "${pod}: logs -> ${log}"

  t=$(now_ms)
  tar -C "${work}/in" -cf - . | kubectl exec -i -n "${namespace}" "${pod}" -- sh -c 'rm -rf /tmp/in && mkdir /tmp/in && tar -C /tmp/in -xf -' \
    || die "tar into ${pod} failed"
  say "${pod}: tar of 50 MB in ($(since "${t}"))"
  inside="$(kubectl exec -n "${namespace}" "${pod}" -- sh -c 'cd /tmp/in && sha256sum random.bin run.sh && stat -c "%a %n" run.sh')" \
    || die "checksums in ${pod} failed"
  [[ "${inside}" == "$(cat "${work}/expected")" ]] || die "in ${pod} the files differ: ${inside}"

  t=$(now_ms)
  rm -rf "${work}/out"
  mkdir "${work}/out"
  kubectl exec -n "${namespace}" "${pod}" -- tar -C /tmp/in -cf - . | tar -C "${work}/out" -xf - \
    || die "tar out of ${pod} failed"
  say "${pod}: tar of 50 MB out ($(since "${t}"))"
  out="$(cd "${work}/out" && sha256sum random.bin run.sh && stat -c '%a %n' run.sh)"
  [[ "${out}" == "$(cat "${work}/expected")" ]] || die "what came out of ${pod} differs: ${out}"
  say "${pod}: checksums and modes match ($(head -c 16 "${work}/expected")... random.bin, 750 run.sh)"
done

# The kubelets confirm a deletion once their periodic clean-up (up to a minute) has removed the pod's containers.
t=$(now_ms)
kubectl delete pod -n "${namespace}" "${pods[@]}" --wait=true --timeout=180s >/dev/null \
  || die "deleting the pods failed"
say "pods deleted ($(since "${t}"))"
say "OK ($(since "${started}") in all)"
