# shellcheck shell=bash disable=SC2034,SC2154
# Sourced after common.sh by the scripts that work on real Kubernetes 1.20.2, from Debian's source package.

# The default work folder of real-tree/kubectl.sh and real-tree/guide-walk.sh, which walk the same tree.
real_work=/var/tmp/kube-maven-real

# real_tree WORK: the folder of the tree in WORK.
real_tree() {
  echo "$1/kubernetes-1.20.2"
}

# get_real_tree TREE: puts the source at TREE unless a checkout is there already.
get_real_tree() {
  "${project}/scripts/setup/kubernetes-source.sh" "$1"
}
