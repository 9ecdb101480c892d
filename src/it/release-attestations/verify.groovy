// What mvn deploy publishes beside the tarballs: SHA256SUMS and SHA512SUMS that sha256sum -c and sha512sum -c accept,
// SPDX SBOMs of the source and the release that the SPDX tools validate, an in-toto provenance statement whose
// subjects are the tarballs, each file signed by maven-gpg-plugin; every file's time is the pom's outputTimestamp.
import groovy.json.JsonSlurper
import io.github.kubemaven.it.ItSupport
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream
import org.spdx.tools.SpdxToolsHelper
import org.spdx.tools.Verify

def kit = new ItSupport()
File home = new File(basedir.parentFile, 'release-attestations-gnupg')
try {
    File tars = new File(basedir, '_output/release-tars')
    List<String> tarballs = tars.list().findAll { it.endsWith('.tar.gz') }.sort()
    assert tarballs.size() == 8: tarballs

    ['sha256sum', 'sha512sum'].each { tool ->
        String checked = kit.run(tars, [tool, '-c', tool.replace('sum', 'SUMS').toUpperCase()])
        assert checked.readLines().sort() == tarballs.collect { "${it}: OK".toString() }: checked
    }

    SpdxToolsHelper.initialize()
    ['kubernetes-src.spdx.json', 'kubernetes-release.spdx.json'].each { sbom ->
        List<String> problems = Verify.verify(new File(tars, sbom).path, SpdxToolsHelper.SerFileType.JSON)
        assert problems.isEmpty(): "${sbom}: ${problems}"
    }
    def source = new JsonSlurper().parse(new File(tars, 'kubernetes-src.spdx.json'))
    assert source.creationInfo.created == '2021-01-13T13:20:00Z'
    def modules = source.packages.collectEntries { [(it.name): [it.versionInfo, it.licenseDeclared]] }
    assert modules == ['kubernetes': ['v1.9.0', 'Apache-2.0'], 'github.com/kube-it/greeting': ['v1.0.0', 'MIT'],
                       'github.com/kube-it/replaced': ['v1.1.0', 'BSD-3-Clause']]: modules
    def release = new JsonSlurper().parse(new File(tars, 'kubernetes-release.spdx.json'))
    assert release.packages*.name.findAll { it.endsWith('.tar.gz') }.sort() == tarballs
    def client = release.packages.find { it.name == 'kubernetes-client-linux-amd64.tar.gz' }
    assert client.checksums.find { it.algorithm == 'SHA256' }.checksumValue == kit.sha256(new File(tars, client.name))
    def kubectl = release.files.find { it.fileName == './kubernetes/client/bin/kubectl' }
    assert kubectl: 'the release SBOM lists the files inside the tarballs'
    assert kubectl.checksums.find { it.algorithm == 'SHA256' }.checksumValue == kit.sha256(new File(basedir, '_output/dockerized/bin/linux/amd64/kubectl'))

    def statement = new JsonSlurper().parse(new File(tars, 'kubernetes-release.intoto.json'))
    assert statement._type == 'https://in-toto.io/Statement/v1'
    assert statement.predicateType == 'https://slsa.dev/provenance/v1'
    assert statement.subject.collectEntries { [(it.name): it.digest.sha256] } == tarballs.collectEntries { [(it): kit.sha256(new File(tars, it))] }
    def definition = statement.predicate.buildDefinition
    assert definition.externalParameters.platforms == ['linux/amd64']
    assert definition.externalParameters.makeVariables.SOURCE_DATE_EPOCH == '1610544000'
    assert definition.resolvedDependencies.find { it.name == 'source' }.digest.gitCommit == kit.run(basedir, ['git', 'rev-parse', 'HEAD']).trim()
    assert definition.resolvedDependencies.find { it.name == 'cross image' }.digest.sha256 ==~ /[0-9a-f]{64}/

    new File(tars, 'kubernetes-client-linux-amd64.tar.gz').withInputStream { raw ->
        def tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))
        def entry
        while ((entry = tar.nextEntry) != null) {
            assert entry.modTime.time == 1610544000000L: "${entry.name} carries the outputTimestamp"
        }
    }

    File deployed = new File(basedir, 'repo/it/kube/release-attestations/1.0')
    List<String> published = deployed.list().findAll { !(it =~ /\.(md5|sha1|sha256|sha512|asc)$/) && !it.startsWith('maven-metadata') }.sort()
    ['release-attestations-1.0-sha256sums.txt', 'release-attestations-1.0-sha512sums.txt', 'release-attestations-1.0-src-sbom.spdx.json',
     'release-attestations-1.0-release-sbom.spdx.json', 'release-attestations-1.0-provenance.intoto.json', 'release-attestations-1.0.pom',
     'release-attestations-1.0.tar.gz', 'release-attestations-1.0-client-linux-amd64.tar.gz'].each {
        assert published.contains(it): "${it} deployed: ${published}"
    }
    assert new File(deployed, 'release-attestations-1.0-provenance.intoto.json').bytes == new File(tars, 'kubernetes-release.intoto.json').bytes
    published.each { name ->
        File signature = new File(deployed, name + '.asc')
        assert signature.isFile(): "${name} is signed"
        def verified = kit.runAllowingFailure(deployed, ['gpg', '--batch', '--homedir', home.path, '--verify', signature.name, name])
        assert verified.exitCode == 0 && verified.output.contains('Good signature'): "${name}: ${verified.output}"
    }
    assert kit.maven(basedir, localRepositoryPath, new File(basedir.parentFile, 'interpolated-settings.xml'), plugin + ':clean').exitCode == 0
} finally {
    kit.runAllowingFailure(basedir, ['gpgconf', '--homedir', home.path, '--kill', 'all'])
}
return true
