package core

import "testing"

func TestPodDeepCopyIsEqualButDistinct(t *testing.T) {
	in := &Pod{Name: "web", Namespace: "default"}
	out := in.DeepCopy()
	if out == in || *out != *in {
		t.Fatalf("DeepCopy gave %v for %v", out, in)
	}
}
