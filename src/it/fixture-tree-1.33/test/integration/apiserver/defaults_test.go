package apiserver

import (
	"testing"

	"k8s.io/kubernetes/pkg/apis/core"
)

// An integration test of the example tree: upstream's start an etcd and an apiserver; this one only checks what a
// client of the API would see of a copied object, and is skipped by -short as a long test would be.
func TestCopiedPodKeepsItsIdentity(t *testing.T) {
	pod := &core.Pod{Name: "web", Namespace: "default"}
	copied := pod.DeepCopy()
	if copied.Name != "web" || copied.Namespace != "default" {
		t.Fatalf("a copied pod is %s/%s", copied.Namespace, copied.Name)
	}
}

func TestLongRunningStaysOutOfShortRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("long test: left out with -short, as test-integration runs by default")
	}
}
