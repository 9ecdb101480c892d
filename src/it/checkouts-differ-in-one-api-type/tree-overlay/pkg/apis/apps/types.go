// Package apps holds the workload API types; zz_generated.deepcopy.go is made from this file by make.
package apps

// Deployment keeps a number of pods running.
type Deployment struct {
	Name     string
	Replicas int
}
