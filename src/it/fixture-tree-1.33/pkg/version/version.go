// Package version holds what the build stamps into every binary.
package version

import "fmt"

var (
	gitMajor     = ""
	gitMinor     = ""
	gitVersion   = "v0.0.0-master+$Format:%h$"
	gitCommit    = "$Format:%H$"
	gitTreeState = ""
	buildDate    = "1970-01-01T00:00:00Z"
)

// String is the version line each binary prints.
func String(program string) string {
	return fmt.Sprintf("%s version.Info{Major:%q, Minor:%q, GitVersion:%q, GitCommit:%q, GitTreeState:%q, BuildDate:%q}",
		program, gitMajor, gitMinor, gitVersion, gitCommit, gitTreeState, buildDate)
}
