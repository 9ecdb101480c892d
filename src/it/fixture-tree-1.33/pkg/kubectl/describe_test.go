package kubectl

import (
	"testing"

	corev1 "k8s.io/api/core/v1"

	"k8s.io/kubernetes/pkg/apis/core"
)

func TestDescribeNamesPodAndConfig(t *testing.T) {
	got := Describe(&core.Pod{Name: "web", Namespace: "default"}, &corev1.ConfigMap{Name: "settings"})
	if got != "pod default/web, config settings" {
		t.Fatalf("Describe gave %q", got)
	}
}
