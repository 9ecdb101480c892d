// Command kubelet is a server-side binary of the example tree.
package main

import (
	"fmt"
	"os"

	"k8s.io/kubernetes/pkg/version"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--version" {
		fmt.Println(version.String("kubelet"))
		return
	}
	fmt.Println("kubelet: nothing to serve in the example tree")
}
