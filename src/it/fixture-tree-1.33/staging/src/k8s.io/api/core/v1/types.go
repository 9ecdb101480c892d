// Package v1 holds the versioned API types; zz_generated.deepcopy.go is committed beside it.
package v1

// ConfigMap holds configuration data for pods to consume.
type ConfigMap struct {
	Name string
	Data map[string]string
}
