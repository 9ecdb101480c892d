// Package kubectl describes objects for the example kubectl.
package kubectl

import (
	corev1 "k8s.io/api/core/v1"

	"k8s.io/kubernetes/pkg/apis/core"
)

// Describe names a pod and the keys of a config map.
func Describe(pod *core.Pod, config *corev1.ConfigMap) string {
	copied := config.DeepCopy()
	return "pod " + pod.Namespace + "/" + pod.Name + ", config " + copied.Name
}
