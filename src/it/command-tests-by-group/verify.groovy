String log = new File(basedir, 'build.log').text
List<String> runs = log.split('BUILD SUCCESS').toList()
assert runs.size() >= 2: log
String group = runs[0], unknown = runs[1]

assert group.contains('Running build command: make test-cmd WHAT=configmap'): group
assert group.contains('+++ command tests: configmap') && group.contains('configmap: command tests passed'): group
assert !group.contains('+++ command tests: version'): 'only the group WHAT names runs'
assert group.contains('TESTS PASSED')

assert unknown.contains("kube.what (WHAT) names 'configmaps', which is no group of the command tests in test/cmd."): unknown
assert unknown.contains('-Dkube.what="configmap kubeadm version"'): 'the hint names the groups the tree has'
assert !unknown.contains('Running build command') && !unknown.contains('Phase '): 'refused before any container'
return true
