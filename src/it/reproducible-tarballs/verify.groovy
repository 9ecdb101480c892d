// The same commit packaged twice, in checkouts at different paths, the second made and packaged under umask 077 on
// another JDK: every tarball, checksum file, SBOM and provenance statement comes out byte for byte the same.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File otherJdk = new File('/usr/lib/jvm/temurin-25-jdk-amd64')
assert new File(otherJdk, 'bin/java').canExecute(): "a second JDK at ${otherJdk} packages the second checkout"
List<File> trees = [new File(basedir, 'first/kubernetes'), new File(basedir, 'second/elsewhere/k8s')]
trees.each { tree ->
    kit.copyFixture(new File(fixtureDir), tree)
    kit.commitAll(tree, 'v2.3.4')
}
kit.run(trees[1], ['chmod', '-R', 'go-rwx', '.'])
def packaged = { File tree, List<String> prefix, Map<String, String> environment ->
    List<String> command = prefix + kit.mavenCommand(localRepositoryPath, settings, plugin + ':package', ['-Dkube.platforms=linux/amd64 linux/arm64'])
    def result = kit.runAllowingFailure(tree, command, environment)
    new File(basedir, "package-${tree.parentFile.name}.log").text = result.output
    assert result.exitCode == 0: result.output
    return result.output
}
List<String> umask077 = ['bash', '-c', 'umask 077 && exec "$@"', 'umask-077']
Map<String, String> jdk25 = [JAVA_HOME: otherJdk.path]
String mvn = kit.mavenCommand(localRepositoryPath, settings, 'validate', [])[0]
assert kit.runAllowingFailure(trees[1], umask077 + [mvn, '-v'], jdk25).output.contains('Java version: 25')
packaged(trees[0], [], [:])
packaged(trees[1], umask077, jdk25)
assert kit.run(trees[1], ['stat', '-c', '%a', '_output/release-tars']).trim() == '700': 'the second packaging ran under umask 077'

File first = new File(trees[0], '_output/release-tars')
File second = new File(trees[1], '_output/release-tars')
def names = first.list().findAll { it.endsWith('.tar.gz') }.sort()
assert names.size() == 12: names
assert second.list().sort() == first.list().sort()
def companions = ['SHA256SUMS', 'SHA512SUMS', 'kubernetes-src.spdx.json', 'kubernetes-release.spdx.json', 'kubernetes-release.intoto.json']
assert first.list().toList().containsAll(companions)
(names + names.collect { it + '.sha256' } + names.collect { it + '.sha512' } + companions).each { name ->
    assert new File(first, name).bytes == new File(second, name).bytes: "${name} differs between the two checkouts"
}
assert new File(first, 'kubernetes-release.intoto.json').text.contains('"kube-maven-plugin"')
assert !new File(second, 'kubernetes-release.intoto.json').text.contains(basedir.path): 'no checkout path in the provenance'
trees.each { tree -> assert kit.maven(tree, localRepositoryPath, settings, plugin + ':clean').exitCode == 0 }
return true
