def kit = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, "ItSupport.groovy")).newInstance()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
List<File> trees = [new File(basedir, 'first/kubernetes'), new File(basedir, 'second/elsewhere/k8s')]
trees.each { tree ->
    kit.copyFixture(new File(fixtureDir), tree)
    kit.commitAll(tree, 'v2.3.4')
    def result = kit.maven(tree, localRepositoryPath, settings, plugin + ':package', ['-Dkube.platforms=linux/amd64 linux/arm64'])
    new File(basedir, "package-${tree.parentFile.name}.log").text = result.output
    assert result.exitCode == 0: result.output
}
File first = new File(trees[0], '_output/release-tars')
File second = new File(trees[1], '_output/release-tars')
def names = first.list().findAll { it.endsWith('.tar.gz') }.sort()
assert names.size() == 12: names
assert second.list().findAll { it.endsWith('.tar.gz') }.sort() == names
names.each { name ->
    assert new File(first, "${name}.sha256").text == new File(second, "${name}.sha256").text: "${name} differs between the two checkouts"
    assert new File(first, name).bytes == new File(second, name).bytes
}
trees.each { tree -> assert kit.maven(tree, localRepositoryPath, settings, plugin + ':clean').exitCode == 0 }
return true
