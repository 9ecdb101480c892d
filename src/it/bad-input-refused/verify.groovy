File table = new File(basedir, 'bad-inputs.md')
assert table.isFile(): 'setup.groovy wrote no bad-inputs.md'
List<String> rows = table.readLines().drop(2)
List<String> inputs = ['-Dkube.platforms=linux/amd65', '-Dkube.platforms=linux', '-Dkube.what=cmd/kubectll', '-Dkube.what=../outside',
                       '-Dkube.rsyncPort=70000', '-Dkube.rsyncPort=abc', '-Dkube.verbose=11', '-Dkube.rsyncCompress=12',
                       '-Dkube.sourceDateEpoch=-5', '-Dkube.sourceDateEpoch=99999999999999', '-Dkube.lockTimeout=-1',
                       '-Dkube.sync=nfs', '-Dkube.mode=remote', '-Dkube.cpus=lots', '_output/ read-only', '_output/ full']
assert rows.size() == inputs.size(): "expected ${inputs.size()} rows:\n${table.text}"
inputs.eachWithIndex { input, i ->
    assert rows[i].startsWith("| `${input}` | ") && rows[i].length() > input.length() + 10: "row ${i + 1} is not about ${input}:\n${table.text}"
}
return true
