// Command kube-proxy is the second node binary of the example tree.
package main

import (
	"fmt"
	"os"

	"k8s.io/kubernetes/pkg/version"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--version" {
		fmt.Println(version.String("Kubernetes"))
		return
	}
	fmt.Println("kube-proxy: forwarding nothing")
}
