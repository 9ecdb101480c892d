// Package greeting is a vendored module of the example tree, there for the source SBOM to list.
package greeting

// Hello greets by name.
func Hello(name string) string { return "hello, " + name }
