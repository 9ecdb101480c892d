import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
// One tree per way of moving files; each brings, as a pull request would, Makefile targets that plant links out of
// the tree, a link to a host file, a pipe and a device node, and then write through them.
String targets = '''
BIN := _output/dockerized/bin/linux/amd64

plant:
\tmkdir -p $(BIN) pkg/apis/core
\tln -sfn $(SENTINEL) $(BIN)/evil
\tln -sfn $(HOSTFILE) $(BIN)/hostfile
\tln -sfn ../../../../../../.. $(BIN)/up
\tln -sfn kubectl $(BIN)/kube
\tln -sfn /etc/hostname pkg/apis/core/zz_generated.deepcopy.go
\trm -f $(BIN)/pipe && mkfifo $(BIN)/pipe
\tmknod $(BIN)/device c 1 3 || echo "no device node here"

through:
\trm -f $(BIN)/evil && mkdir -p $(BIN)/evil && echo planted > $(BIN)/evil/planted
\techo overwritten > $(BIN)/hostfile || true
'''
for (String mode : ['port', 'api', 'bind']) {
    File tree = new File(basedir, "tree-${mode}")
    kit.copyFixture(new File(fixtureDir), tree)
    File makefile = new File(tree, 'Makefile')
    makefile.text = makefile.text.replace('.PHONY: all', '.PHONY: plant through all') + targets
    kit.commitAll(tree)
    kit.forgetEarlierRuns(tree)
    File sentinel = new File(basedir, "sentinel-${mode}")
    sentinel.mkdirs()
    new File(sentinel, 'kept').text = 'the user\'s\n'
    new File(basedir, "hostfile-${mode}").text = 'the user\'s host file\n'
}
return true
