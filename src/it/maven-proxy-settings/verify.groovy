import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
['run.log', 'build-1.log', 'build-2.log'].each { name ->
    String log = new File(basedir, name).text
    ['pw-one-A', 'pw-two-A', 'pw-one-B', 'pw-two-B'].each { password ->
        assert !log.contains(password): "${name} shows a proxy password, even at debug level"
    }
}
String tree = new File(basedir, 'tree').path
def found = kit.runAllowingFailure(new File(tree), ['grep', '-rl', '-e', 'pw-one-', '-e', 'pw-two-', '_output'])
assert found.exitCode == 1: "no record under _output keeps a proxy password: ${found.output}"
return true
