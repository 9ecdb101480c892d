// Maven's proxies from settings.xml: one per protocol, passwords encrypted with a master password, decrypted for the
// build; a new proxy password neither shows in any log nor forces a rebuild.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
File itSettings = new File(basedir.parentFile, 'interpolated-settings.xml')
File security = new File(basedir, 'settings-security.xml')
String mvn = "${System.getProperty('maven.home')}/bin/mvn"

def encryptMaster = kit.run(basedir, [mvn, '-B', '--encrypt-master-password', 'it-master-password'])
String master = (encryptMaster =~ /\{[^}]+\}/)[0]
security.text = "<settingsSecurity><master>${master}</master></settingsSecurity>\n"
def secret = { String plain ->
    (kit.run(basedir, [mvn, '-B', "-Dsettings.security=${security.path}".toString(), '--encrypt-password', plain]) =~ /\{[^}]+\}/)[0]
}

def settingsWith = { String name, String httpPassword, String httpsPassword ->
    String base = itSettings.text
    String proxies = """<proxies>
    <proxy><id>plain</id><active>true</active><protocol>http</protocol><host>127.0.0.1</host><port>3128</port>
      <username>alice</username><password>${secret(httpPassword)}</password><nonProxyHosts>localhost|*.internal</nonProxyHosts></proxy>
    <proxy><id>tls</id><active>true</active><protocol>https</protocol><host>127.0.0.1</host><port>3129</port>
      <username>bob</username><password>${secret(httpsPassword)}</password></proxy>
  </proxies>
"""
    File file = new File(basedir, "settings-${name}.xml")
    file.text = base.replace('</settings>', proxies + '</settings>')
    return file
}

File first = settingsWith('first', 'pw-one-A', 'pw-two-A')
File second = settingsWith('second', 'pw-one-B', 'pw-two-B')
List<String> withSecurity = ["-Dsettings.security=${security.path}".toString(), '-X']
String expected = 'http://alice:pw-one-A@127.0.0.1:3128 http://bob:pw-two-A@127.0.0.1:3129 localhost,.internal'
String expectedHash = java.security.MessageDigest.getInstance('SHA-256').digest((expected + '\n').getBytes('UTF-8')).encodeHex().toString()
new File(tree, 'print-proxies.sh').text = 'echo "proxies: $(echo "$http_proxy $https_proxy $no_proxy" | sha256sum)"\n'
def run = kit.maven(tree, localRepositoryPath, first, plugin + ':run', withSecurity + ['-Dkube.command=sh print-proxies.sh', '-Dkube.copyOutput=false'])
new File(basedir, 'run.log').text = run.output
assert run.exitCode == 0: run.output
assert run.output.contains("proxies: ${expectedHash}"): "each proxy reaches the container, password decrypted: ${run.output}"

List<String> build = withSecurity + ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64']
def built = kit.maven(tree, localRepositoryPath, first, plugin + ':build', build)
new File(basedir, 'build-1.log').text = built.output
assert built.exitCode == 0: built.output
def again = kit.maven(tree, localRepositoryPath, second, plugin + ':build', build)
new File(basedir, 'build-2.log').text = again.output
assert again.exitCode == 0: again.output
assert again.output.contains('Up to date: nothing changed since the last successful'): 'a new proxy password does not rebuild'
return true
