// Package core holds the internal API types; zz_generated.deepcopy.go is committed beside it and made again by
// hack/update-codegen.sh, never by make.
package core

// Pod is the smallest deployable unit.
type Pod struct {
	Name      string
	Namespace string
}

// Node is a machine that runs pods.
type Node struct {
	Name string
}
