// Command gotestsum runs a `go test -json` command and reports it the way gotestsum's pkgname-and-test-fails
// format does: a failed test's output as it fails, one line per package, then a summary of the failures.
//
//	gotestsum --format=pkgname-and-test-fails --jsonfile=FILE --raw-command -- go test -json ARGS...
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

type event struct {
	Action     string
	ImportPath string
	Package    string
	Test       string
	Elapsed    float64
	Output     string
}

type failure struct {
	pkg, test string
	elapsed   float64
	output    []string
}

func main() {
	var jsonFile string
	var command []string
	for i, arg := range os.Args[1:] {
		if arg == "--" {
			command = os.Args[i+2:]
			break
		}
		if value, found := strings.CutPrefix(arg, "--jsonfile="); found {
			jsonFile = value
		}
	}
	if len(command) == 0 {
		fmt.Fprintln(os.Stderr, "usage: gotestsum [--format=F] [--jsonfile=FILE] --raw-command -- go test -json ...")
		os.Exit(2)
	}
	module := modulePath()
	started := time.Now()
	run := exec.Command(command[0], command[1:]...)
	run.Stderr = os.Stderr
	stdout, err := run.StdoutPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var record *os.File
	if jsonFile != "" {
		if record, err = os.Create(jsonFile); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer record.Close()
	}
	if err := run.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	outputs := map[string][]string{}
	var failures []failure
	var buildErrors []string
	tests := 0
	scanner := bufio.NewScanner(stdout)
	scanner.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for scanner.Scan() {
		line := scanner.Bytes()
		if record != nil {
			record.Write(append(line, '\n'))
		}
		var e event
		if json.Unmarshal(line, &e) != nil {
			fmt.Println(string(line))
			continue
		}
		if e.Action == "build-output" {
			buildErrors = append(buildErrors, strings.TrimRight(e.Output, "\n"))
			continue
		}
		if e.Package == "" {
			continue
		}
		pkg := strings.TrimPrefix(strings.TrimPrefix(e.Package, module), "/")
		if pkg == "" {
			pkg = e.Package
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			outputs[key] = append(outputs[key], strings.TrimRight(e.Output, "\n"))
		case "pass", "fail", "skip":
			if e.Test != "" {
				tests++
				if e.Action == "fail" {
					for _, out := range outputs[key] {
						fmt.Println(out)
					}
					failures = append(failures, failure{pkg, e.Test, e.Elapsed, outputs[key]})
				}
				delete(outputs, key)
				continue
			}
			icon := map[string]string{"pass": "✓", "fail": "✖", "skip": "∅"}[e.Action]
			if e.Action == "fail" {
				for _, out := range outputs[key] {
					if !strings.HasPrefix(out, "FAIL") && !strings.HasPrefix(out, "ok") {
						fmt.Println(out)
					}
				}
			}
			fmt.Printf("%s  %s (%s)\n", icon, pkg, elapsed(e.Elapsed))
			delete(outputs, key)
		}
	}
	exitCode := 0
	if err := run.Wait(); err != nil {
		exitCode = 1
	}
	if len(failures) > 0 {
		fmt.Println()
		fmt.Println("=== Failed")
		for _, f := range failures {
			fmt.Printf("=== FAIL: %s %s (%.2fs)\n", f.pkg, f.test, f.elapsed)
			for _, out := range f.output {
				fmt.Println(out)
			}
			fmt.Println()
		}
	}
	if len(buildErrors) > 0 {
		fmt.Println()
		fmt.Println("=== Errors")
		for _, out := range buildErrors {
			fmt.Println(out)
		}
		fmt.Println()
	}
	summary := fmt.Sprintf("DONE %d tests", tests) + counted(len(failures), "failure") + counted(len(buildErrors), "error")
	fmt.Printf("%s in %.3fs\n", summary, time.Since(started).Seconds())
	os.Exit(exitCode)
}

func counted(n int, noun string) string {
	switch n {
	case 0:
		return ""
	case 1:
		return ", 1 " + noun
	default:
		return fmt.Sprintf(", %d %ss", n, noun)
	}
}

func elapsed(seconds float64) string {
	if seconds < 1 {
		return fmt.Sprintf("%dms", int(seconds*1000))
	}
	return fmt.Sprintf("%.3fs", seconds)
}

func modulePath() string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Path}}", "k8s.io/kubernetes").Output()
	if err != nil {
		return "k8s.io/kubernetes"
	}
	return strings.TrimSpace(string(out))
}
