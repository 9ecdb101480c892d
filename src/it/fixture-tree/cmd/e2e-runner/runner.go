// Command e2e-runner is the test binary of the example tree.
package main

import "fmt"

func main() {
	fmt.Println("e2e-runner: no suites in the example tree")
}
