import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
kit.copyFixture(new File(fixtureDir), basedir)
new File(basedir, 'release-version').text = "KUBE_GIT_COMMIT='0123456789abcdef0123456789abcdef01234567'\nKUBE_GIT_TREE_STATE='clean'\nKUBE_GIT_VERSION='v2.0.0-rc.1'\nKUBE_GIT_MAJOR='2'\nKUBE_GIT_MINOR='0+'\n"
kit.commitAll(basedir)
return true
