// Package core holds the API types; zz_generated.deepcopy.go is made from this file by make.
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
