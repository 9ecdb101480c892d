// A build of an untrusted tree plants a changed pkg/version in the shared Go build cache, under the action ID the
// trusted tree's build computes for its own. Developer builds of the trusted tree take it; its releases, built with a
// cache of their own, come out byte for byte as the release made before the plant.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File trusted = new File(basedir, 'trusted/kubernetes')
File untrusted = new File(basedir, 'untrusted/kubernetes')
// a build image version of this case's own, so that the plant reaches no other case through the shared cache
String imageVersion = 'release-cache-poisoning'
String cacheVolume = "kube-mvn-go-cache-${imageVersion}-${crossTag}"
[trusted, untrusted].each { tree ->
    kit.copyFixture(new File(fixtureDir), tree)
    new File(tree, 'build/build-image/VERSION').text = imageVersion + '\n'
}
File plant = new File(untrusted, 'hack/plant.sh')
plant.text = new File(basedir, 'plant.sh').text
plant.setExecutable(true)
[trusted, untrusted].each { tree ->
    kit.commitAll(tree, 'v3.1.0')
    kit.forgetEarlierRuns(tree)
}
kit.runAllowingFailure(basedir, ['docker', 'volume', 'rm', cacheVolume])

def maven = { File tree, String name, String goal, List<String> properties ->
    def result = kit.maven(tree, localRepositoryPath, settings, plugin + ':' + goal, properties)
    new File(basedir, name + '.log').text = result.output
    assert result.exitCode == 0: result.output
    return result.output
}
File tars = new File(trusted, '_output/release-tars')
def released = { String name ->
    File unpacked = new File(basedir, "target/${name}")
    unpacked.mkdirs()
    kit.run(unpacked, ['tar', '-xzf', new File(tars, 'kubernetes-client-linux-amd64.tar.gz').path])
    String version = kit.run(unpacked, [new File(unpacked, 'kubernetes/client/bin/kubectl').path, 'version'])
    Map<String, byte[]> files = tars.listFiles().findAll { it.name.endsWith('.tar.gz') }.collectEntries { [(it.name): it.bytes] }
    return [version: version, files: files, provenance: new File(tars, 'kubernetes-release.intoto.json').text]
}
List<String> platforms = ['-Dkube.platforms=linux/amd64']

maven(trusted, 'package-before', 'package', platforms)
def before = released('before')
assert before.version.contains('GitVersion:"v3.1.0"') && !before.version.contains('Planted')
assert before.provenance =~ /"goBuildCache"\s*:\s*"fresh"/: before.provenance

String planting = maven(untrusted, 'plant', 'run', platforms + ['-Dkube.command=hack/plant.sh'])
assert planting =~ /planted under [0-9a-f]{64}/

String release = maven(trusted, 'package-after', 'package', platforms + ['-Dkube.force=true'])
assert release.contains('Running build command: make cross')
def after = released('after')
assert !after.version.contains('Planted'): "the release took the planted pkg/version: ${after.version}"
assert after.files.keySet() == before.files.keySet()
after.files.each { name, bytes -> assert bytes == before.files[name]: "${name} differs from the release made before the plant" }
assert kit.docker('volume', 'ls', '-q', '--filter', 'label=io.github.kubemaven.role=release-go-cache').readLines()
        .findAll { it.contains(kit.treeHash(release)) }.isEmpty(): 'the release removed its Go build cache'

assert kit.containersOf(kit.treeHash(release), true).isEmpty()

// the plant is live: a developer build of the trusted tree, which shares the cache, links it
maven(trusted, 'build', 'build', platforms + ['-Dkube.what=cmd/kubectl'])
String developer = kit.run(trusted, [new File(trusted, '_output/dockerized/bin/linux/amd64/kubectl').path, 'version'])
assert developer.contains('Planted:true'): developer

[trusted, untrusted].each { tree -> kit.forgetEarlierRuns(tree) }
kit.docker('volume', 'rm', cacheVolume)
return true
