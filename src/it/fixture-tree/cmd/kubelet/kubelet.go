// Command kubelet is the node binary of the example tree.
package main

import (
	"fmt"
	"os"

	"k8s.io/kubernetes/pkg/apis/core"
	"k8s.io/kubernetes/pkg/version"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--version" {
		fmt.Println(version.String("Kubernetes"))
		return
	}
	node := (&core.Node{Name: "local"}).DeepCopy()
	fmt.Printf("kubelet: node %s\n", node.Name)
}
