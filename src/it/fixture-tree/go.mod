module k8s.io/kubernetes

go 1.19

require (
	github.com/kube-it/greeting v1.0.0
	github.com/kube-it/replaced v1.0.0
)

replace github.com/kube-it/replaced => github.com/kube-it/fork v1.1.0
