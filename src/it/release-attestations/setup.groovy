// A throwaway signing key, made for this test in its own GnuPG home, with no passphrase.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
kit.freshTree(new File(fixtureDir), basedir, 'v1.9.0')
File home = new File(basedir.parentFile, 'release-attestations-gnupg')
home.deleteDir()
home.mkdirs()
kit.run(basedir, ['chmod', '700', home.path])
kit.run(basedir, ['gpg', '--batch', '--homedir', home.path, '--pinentry-mode', 'loopback', '--passphrase', '', '--quick-generate-key',
                  'kube-maven-plugin test <release-attestations@example.invalid>', 'ed25519', 'sign', 'never'])
kit.run(basedir, ['gpgconf', '--homedir', home.path, '--kill', 'all'])
return true
