// Package replaced is a vendored module that go.mod replaces by a fork, there for the source SBOM to list.
package replaced

// Fork names the module that replaces this one.
const Fork = "github.com/kube-it/fork"
