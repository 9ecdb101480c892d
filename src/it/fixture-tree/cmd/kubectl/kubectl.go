// Command kubectl is the client binary of the example tree.
package main

import (
	"fmt"
	"os"

	"k8s.io/kubernetes/pkg/apis/core"
	"k8s.io/kubernetes/pkg/version"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "version" {
		fmt.Println(version.String("Client Version:"))
		return
	}
	pod := (&core.Pod{Name: "example", Namespace: "default"}).DeepCopy()
	fmt.Printf("kubectl: pod %s/%s\n", pod.Namespace, pod.Name)
}
