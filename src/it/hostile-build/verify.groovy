import io.github.kubemaven.it.ItSupport
import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
Map<String, List<String>> modes = [
        port: ['-Dkube.rsyncTransport=port'],
        api : ['-Dkube.rsyncTransport=api'],
        bind: ['-Dkube.sync=bind']]

/** Every link of the tree whose target leaves it, and every entry that is no file, folder or link. */
List<String> escaping(File tree) {
    Path root = tree.toPath().toRealPath()
    List<String> found = []
    Files.walk(root).withCloseable { paths ->
        paths.filter { !it.startsWith(root.resolve('.git')) }.each { Path path ->
            if (Files.isSymbolicLink(path)) {
                Path target = Files.readSymbolicLink(path)
                Path resolved = path.parent.resolve(target).normalize()
                if (target.isAbsolute() || !resolved.startsWith(root) || resolved == root) {
                    found << "${root.relativize(path)} -> ${target}".toString()
                }
            } else if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                found << "${root.relativize(path)} (special)".toString()
            }
        }
    }
    return found
}

modes.each { String mode, List<String> properties ->
    File tree = new File(basedir, "tree-${mode}")
    File sentinel = new File(basedir, "sentinel-${mode}")
    File hostFile = new File(basedir, "hostfile-${mode}")
    List<String> common = properties + ['-Dkube.copyOutput=true', '-Dkube.platforms=linux/amd64']
    String make = "make SENTINEL=${sentinel.canonicalPath} HOSTFILE=${hostFile.canonicalPath}"

    def plant = kit.maven(tree, localRepositoryPath, settings, plugin + ':run', common + ["-Dkube.command=${make} plant".toString()])
    new File(basedir, "plant-${mode}.log").text = plant.output
    assert plant.exitCode == 0: "${mode}: the build itself succeeded, so the run ends green\n${plant.output}"
    String warning = plant.output.readLines().find {
        it.contains('[WARNING]') && it.contains('no regular file or link inside the tree')
    }
    assert warning != null: "${mode}: one warning names what was kept out\n${plant.output}"
    for (String refused : ['_output/dockerized/bin/linux/amd64/evil', '_output/dockerized/bin/linux/amd64/hostfile',
                           '_output/dockerized/bin/linux/amd64/up', '_output/dockerized/bin/linux/amd64/pipe',
                           'pkg/apis/core/zz_generated.deepcopy.go']) {
        assert warning.contains(refused): "${mode}: ${refused} is named in: ${warning}"
    }
    assert escaping(tree).isEmpty(): "${mode}: ${escaping(tree)}"
    Path kube = tree.toPath().resolve('_output/dockerized/bin/linux/amd64/kube')
    assert Files.isSymbolicLink(kube) && Files.readSymbolicLink(kube).toString() == 'kubectl': "${mode}: a link inside the tree comes out as made"

    if (mode != 'bind') {
        // what an earlier version of the plugin left: the build's link on the host, which the next copy-out meets
        Files.createSymbolicLink(tree.toPath().resolve('_output/dockerized/bin/linux/amd64/evil'), sentinel.toPath())
    }
    def through = kit.maven(tree, localRepositoryPath, settings, plugin + ':run', common + ["-Dkube.command=${make} through".toString()])
    new File(basedir, "through-${mode}.log").text = through.output
    assert through.exitCode == 0: "${mode}\n${through.output}"
    if (mode != 'bind') {
        assert through.output.contains('_output/dockerized/bin/linux/amd64/evil/planted (_output/dockerized/bin/linux/amd64/evil is a link or no folder)'):
                "${mode}: the file below the host's link is refused by name\n${through.output}"
        Files.delete(tree.toPath().resolve('_output/dockerized/bin/linux/amd64/evil'))
    }

    assert sentinel.list().toList() == ['kept']: "${mode}: nothing reached the folder outside the tree: ${sentinel.list()}"
    assert new File(sentinel, 'kept').text == 'the user\'s\n'
    assert hostFile.text == 'the user\'s host file\n': "${mode}: the host file is as it was"
    assert escaping(tree).isEmpty(): "${mode}: ${escaping(tree)}"
    assert kit.containersOf(kit.treeHash(plant.output), true).isEmpty(): "${mode}: nothing left running"
}
return true
