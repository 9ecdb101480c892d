// Command kubectl is the client binary of the example tree.
package main

import (
	"fmt"
	"os"

	corev1 "k8s.io/api/core/v1"

	"k8s.io/kubernetes/pkg/apis/core"
	"k8s.io/kubernetes/pkg/kubectl"
	"k8s.io/kubernetes/pkg/version"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "version" {
		fmt.Println(version.String("Client Version:"))
		return
	}
	pod := (&core.Pod{Name: "example", Namespace: "default"}).DeepCopy()
	fmt.Println("kubectl: " + kubectl.Describe(pod, &corev1.ConfigMap{Name: "cluster-info"}))
}
