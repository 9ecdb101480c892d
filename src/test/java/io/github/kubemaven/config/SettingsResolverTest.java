package io.github.kubemaven.config;

import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsResolverTest {

    private static final Path WORKING_DIRECTORY = Path.of("/k");

    private static RawParameters raw(Map<String, String> environment) {
        return new RawParameters(environment::get);
    }

    private static BuildSettings resolve(RawParameters raw) {
        return new SettingsResolver(raw).resolve(WORKING_DIRECTORY, false, ProxySettings.NONE, false, null, host -> null);
    }

    @Test
    void upstreamsEnvironmentVariablesFillUnsetParameters() {
        BuildSettings settings = resolve(raw(Map.of("KUBE_BUILD_PLATFORMS", "linux/arm64", "GOFLAGS", "-v", "KUBE_RSYNC_PORT", "8731",
                "SOURCE_DATE_EPOCH", "1611000000", "KUBERNETES_HTTP_PROXY", "http://proxy:3128", "KUBE_VERBOSE", "6",
                "KUBE_CROSS_VERSION", "v1.15.5-1", "GOPROXY", "off")));
        assertThat(settings.make().platforms()).isEqualTo("linux/arm64");
        assertThat(settings.make().goflags()).isEqualTo("-v");
        assertThat(settings.sync().rsyncPort()).isEqualTo(8731);
        assertThat(settings.make().sourceDateEpoch()).isEqualTo(1611000000L);
        assertThat(settings.proxies().http()).isEqualTo("http://proxy:3128");
        assertThat(settings.make().verbose()).isEqualTo(6);
        assertThat(settings.make().goldflags()).isNull();
        assertThat(settings.make().goproxy()).isEqualTo("off");
        assertThat(settings.engine().crossTag()).isEqualTo("v1.15.5-1");
    }

    @Test
    void defaultsAreUpstreams() {
        BuildSettings settings = resolve(raw(Map.of()));
        assertThat(settings.root()).isEqualTo(WORKING_DIRECTORY);
        assertThat(settings.mode()).isEqualTo(BuildSettings.Mode.DOCKER);
        assertThat(settings.sync()).isEqualTo(new SyncSettings(null, null, 0, true, null));
        assertThat(settings.make().verbose()).isEqualTo(2);
        assertThat(settings.make().platforms()).isEmpty();
        assertThat(settings.make().sourceDateEpoch()).isNull();
        assertThat(settings.lockTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.force()).isFalse();
        assertThat(settings.proxies()).isEqualTo(ProxySettings.NONE);
    }

    @Test
    void mavensOutputTimestampIsTheBuildsTimeAheadOfSourceDateEpoch() {
        RawParameters epoch = raw(Map.of("SOURCE_DATE_EPOCH", "1611000000"));
        assertThat(resolve(epoch.with(UserProperty.OUTPUT_TIMESTAMP, "2021-01-13T13:20:00Z")).make().sourceDateEpoch()).isEqualTo(1610544000L);
        assertThat(resolve(raw(Map.of()).with(UserProperty.OUTPUT_TIMESTAMP, "2021-01-13T14:20:00+01:00")).make().sourceDateEpoch())
                .isEqualTo(1610544000L);
        assertThat(resolve(raw(Map.of()).with(UserProperty.OUTPUT_TIMESTAMP, "1610544000")).make().sourceDateEpoch()).isEqualTo(1610544000L);
        assertThat(resolve(raw(Map.of("SOURCE_DATE_EPOCH", "1611000000")).with(UserProperty.OUTPUT_TIMESTAMP, "x")).make().sourceDateEpoch())
                .as("one character switches it off, as in Maven's archiver").isEqualTo(1611000000L);
        assertThat(resolve(raw(Map.of()).with(UserProperty.OUTPUT_TIMESTAMP, "1980-02-01T00:00:00Z")).make().sourceDateEpoch())
                .as("Maven 4's super POM gives every project this one: the commit time stays the default").isNull();
        assertRefused(UserProperty.OUTPUT_TIMESTAMP, "13 January 2021",
                "project.build.outputTimestamp is '13 January 2021', neither seconds since 1970 nor an ISO-8601 time with an offset.");
        assertRefused(UserProperty.OUTPUT_TIMESTAMP, "10", "project.build.outputTimestamp is '10', outside the range Maven's archiver "
                + "accepts (1980-01-01T00:00:02Z to 2099-12-31T23:59:59Z).");
    }

    @Test
    void parametersWinOverTheEnvironment() {
        RawParameters raw = raw(Map.of("KUBE_BUILD_PLATFORMS", "linux/arm64")).with(UserProperty.PLATFORMS, "linux/amd64, linux/s390x");
        assertThat(resolve(raw).make().platforms()).isEqualTo("linux/amd64 linux/s390x");
    }

    @Test
    void mavensProxiesFillInOnlyWhereNothingElseIsSet() {
        ProxySettings maven = new ProxySettings("http://maven:3128", "http://maven:3129", "localhost");
        RawParameters raw = raw(Map.of("KUBERNETES_HTTPS_PROXY", "http://env:8443"));
        BuildSettings settings = new SettingsResolver(raw).resolve(WORKING_DIRECTORY, true, maven, false, null, host -> null);
        assertThat(settings.proxies()).isEqualTo(new ProxySettings("http://maven:3128", "http://env:8443", "localhost"));
        assertThat(settings.engine().offline()).isTrue();
    }

    @Test
    void testVariablesReachOnlyTheTestGoal() {
        RawParameters raw = raw(Map.of("KUBE_TEST_ARGS", "-run TestFoo")).with(UserProperty.RACE, "-race");
        assertThat(resolve(raw).make().extraEnvironment()).isEmpty();
        assertThat(new SettingsResolver(raw).resolve(WORKING_DIRECTORY, false, ProxySettings.NONE, true, null, host -> null).make().extraEnvironment())
                .containsExactly(Map.entry("KUBE_TEST_ARGS", "-run TestFoo"), Map.entry("KUBE_RACE", "-race"));
    }

    @Test
    void theGoToolchainsChoiceAndTheLinkingExceptionsReachMakeFromTheEnvironmentAsUpstreamPassesThem() {
        RawParameters raw = raw(Map.of("GOTOOLCHAIN", "go1.24.4", "GO_VERSION", "1.24.4", "FORCE_HOST_GO", "y",
                "KUBE_CGO_OVERRIDES", "kubectl", "KUBE_STATIC_OVERRIDES", " ", "KUBE_RACE", "-race"));
        assertThat(resolve(raw).make().extraEnvironment()).containsExactly(Map.entry("GOTOOLCHAIN", "go1.24.4"),
                Map.entry("GO_VERSION", "1.24.4"), Map.entry("FORCE_HOST_GO", "y"), Map.entry("KUBE_CGO_OVERRIDES", "kubectl"));
    }

    @Test
    void badValuesNameTheirPropertyInOneLine() {
        assertRefused(UserProperty.RSYNC_PORT, "eighty", "kube.rsyncPort is 'eighty', which is not a whole number.");
        assertRefused(UserProperty.RSYNC_PORT, "70000", "The rsync port 70000 is not a TCP port (1 to 65535).");
        assertRefused(UserProperty.SOURCE_DATE_EPOCH, "yesterday", "SOURCE_DATE_EPOCH (kube.sourceDateEpoch) is 'yesterday', not a count of seconds since 1970.");
        assertRefused(UserProperty.SOURCE_DATE_EPOCH, "-5", "SOURCE_DATE_EPOCH (kube.sourceDateEpoch) is '-5', not a count of seconds since 1970.");
        assertRefused(UserProperty.SOURCE_DATE_EPOCH, "99999999999999", "SOURCE_DATE_EPOCH (kube.sourceDateEpoch) is 99999999999999, after the year 9999.");
        assertRefused(UserProperty.VERBOSE, "11", "The verbosity 11 is out of range.");
        assertRefused(UserProperty.RSYNC_COMPRESS, "12", "The rsync compression level 12 is out of range.");
        assertRefused(UserProperty.LOCK_TIMEOUT, "-1", "kube.lockTimeout is -1, and a wait cannot be negative.");
        assertRefused(UserProperty.SYNC, "nfs", "kube.sync is 'nfs'.");
        assertRefused(UserProperty.MODE, "remote", "kube.mode is 'remote'.");
        assertRefused(UserProperty.ENGINES, "tcp://a:2376 builder", "kube.engines names 'builder', which is no engine address.");
        assertRefused(UserProperty.ENGINES, "tcp://a:2376,tcp://a:2376", "kube.engines names tcp://a:2376 twice.");
        assertRefused(UserProperty.CPUS, "lots", "kube.cpus is 'lots', which is no number of CPUs.");
        assertRefused(UserProperty.CPUS, "-1", "kube.cpus is '-1', which is no number of CPUs.");
        assertRefused(UserProperty.CPUS, "0.001", "kube.cpus is 0.001, less than the 0.01 CPU Docker accepts.");
        assertRefused(UserProperty.MEMORY, "plenty", "kube.memory is 'plenty', which is not a size.");
        assertRefused(UserProperty.MEMORY, "1.5g", "kube.memory is '1.5g', which is not a size.");
        assertRefused(UserProperty.MEMORY, "32m", "kube.memory is '32m', less than 64M.");
        assertRefused(UserProperty.GO_CACHE_SIZE, "512k", "kube.goCacheSize is '512k', less than 1M.");
    }

    @Test
    void enginesComeApartBySpacesOrCommasFromTheParameterOrKubeEngines() {
        assertThat(resolve(raw(Map.of())).engine().spread()).isFalse();
        EngineSettings engines = resolve(raw(Map.of("KUBE_ENGINES", "unix:///var/run/docker.sock, tcp://10.0.0.2:2376\tssh://me@b")))
                .engine();
        assertThat(engines.engines()).containsExactly("unix:///var/run/docker.sock", "tcp://10.0.0.2:2376", "ssh://me@b");
        assertThat(engines.spread()).isTrue();
        assertThat(engines.on("ssh://me@b").dockerHost()).isEqualTo("ssh://me@b");
        assertThat(engines.on("ssh://me@b").spread()).isFalse();
    }

    @Test
    void enginesElsewhereCannotSeeABindMountedTreeAndAHostBuildUsesNone() {
        RawParameters two = raw(Map.of("KUBE_ENGINES", "unix:///a.sock tcp://b:2376"));
        assertThatThrownBy(() -> resolve(two.with(UserProperty.SYNC, "bind")))
                .hasMessage("kube.engines names 2 engines, but kube.sync=bind mounts this tree, which only an engine on this machine can see.");
        assertThatThrownBy(() -> resolve(two.with(UserProperty.MODE, "local")))
                .hasMessage("kube.engines names 2 engines, but kube.mode=local builds on this machine alone.");
    }

    @Test
    void aClusterIsNamedInKubeEngineAndPassedOnInItsLongForm() {
        assertThat(resolve(raw(Map.of()).with(UserProperty.ENGINE, "kubernetes")).engine().dockerHost()).isEqualTo("k8s://");
        assertThat(resolve(raw(Map.of()).with(UserProperty.ENGINE, " k8s://kind-dev/builds ")).engine().dockerHost())
                .isEqualTo("k8s://kind-dev/builds");
        assertThat(resolve(raw(Map.of()).with(UserProperty.ENGINE, "k8s:///builds")).engine().dockerHost()).isEqualTo("k8s:///builds");
        assertThat(resolve(raw(Map.of()).with(UserProperty.DOCKER_HOST, "tcp://b:2376")).engine().dockerHost()).isEqualTo("tcp://b:2376");
        assertThat(ClusterAddress.parse("k8s://kind-dev")).isEqualTo(new ClusterAddress("kind-dev", null, null));
        assertThat(ClusterAddress.parse("k8s://")).isEqualTo(new ClusterAddress(null, null, null));
        assertThat(ClusterAddress.parse("k8s://kind-dev/builds?node=worker-2")).isEqualTo(new ClusterAddress("kind-dev", "builds", "worker-2"));
        assertThat(ClusterAddress.parse("k8s://?node=worker-2").toString()).isEqualTo("k8s://?node=worker-2");
        assertThat(ClusterAddress.parse("k8s://kind-dev/builds").onNode("worker-1").toString()).isEqualTo("k8s://kind-dev/builds?node=worker-1");
        assertThat(ClusterAddress.wholeCluster("k8s://kind-dev/builds")).contains(new ClusterAddress("kind-dev", "builds", null));
        assertThat(ClusterAddress.wholeCluster("k8s://kind-dev/builds?node=worker-1")).isEmpty();
        assertThat(ClusterAddress.wholeCluster("tcp://b:2376")).isEmpty();
        assertThat(ClusterAddress.wholeCluster(null)).isEmpty();
    }

    @Test
    void aClusterAddressThatIsNoneOrComesWithADockerEngineIsRefusedNamingTheValue() {
        assertRefused(UserProperty.ENGINE, "docker", "kube.engine is 'docker', which names no cluster.");
        assertRefused(UserProperty.ENGINE, "k8s://dev/Builds", "kube.engine is 'k8s://dev/Builds': 'Builds' is no namespace name "
                + "(lower-case letters, digits and '-', at most 63).");
        assertRefused(UserProperty.ENGINE, "k8s://dev?zone=a", "kube.engine is 'k8s://dev?zone=a': '?zone=a' names no node (?node=NAME).");
        assertRefused(UserProperty.ENGINE, "k8s://dev/a/b", "kube.engine is 'k8s://dev/a/b': 'a/b' is no namespace name "
                + "(lower-case letters, digits and '-', at most 63).");
        assertThatThrownBy(() -> resolve(cluster().with(UserProperty.DOCKER_HOST, "tcp://b:2376")))
                .hasMessage("kube.engine names the cluster k8s:// and kube.dockerHost the engine tcp://b:2376; builds run on one of them.");
        assertThatThrownBy(() -> resolve(cluster().with(UserProperty.SYNC, "bind")))
                .hasMessage("kube.engine is k8s://, a cluster, but kube.sync=bind mounts this tree, which no pod can see.");
        assertThatThrownBy(() -> resolve(cluster().with(UserProperty.MODE, "local")))
                .hasMessage("kube.engine is k8s://, a cluster, but kube.mode=local builds on this machine alone.");
        assertThatThrownBy(() -> resolve(cluster().with(UserProperty.ENGINES, "tcp://a:2376 tcp://b:2376")))
                .hasMessage("kube.engine is k8s://, a cluster, but kube.engines names 2 Docker engines as well.");
    }

    @Test
    void theCpuLimitIsDockersNanoCpusAndNoneWhenUnset() {
        assertThat(resolve(raw(Map.of())).engine().buildCpus()).isNull();
        assertThat(resolve(raw(Map.of()).with(UserProperty.CPUS, "1")).engine().buildCpus()).isEqualTo(1_000_000_000L);
        assertThat(resolve(raw(Map.of()).with(UserProperty.CPUS, " 2.5 ")).engine().buildCpus()).isEqualTo(2_500_000_000L);
        assertThat(resolve(raw(Map.of()).with(UserProperty.CPUS, "0.01")).engine().buildCpus()).isEqualTo(10_000_000L);
    }

    @Test
    void theMemoryLimitIsInBytesInPowersOf1024AndNoneWhenUnset() {
        assertThat(resolve(raw(Map.of())).engine().buildMemory()).isNull();
        assertThat(resolve(raw(Map.of()).with(UserProperty.MEMORY, "8g")).engine().buildMemory()).isEqualTo(8L << 30);
        assertThat(resolve(raw(Map.of()).with(UserProperty.MEMORY, " 6144M ")).engine().buildMemory()).isEqualTo(6L << 30);
        assertThat(resolve(raw(Map.of()).with(UserProperty.MEMORY, "64MiB")).engine().buildMemory()).isEqualTo(64L << 20);
        assertThat(resolve(raw(Map.of()).with(UserProperty.MEMORY, "8g")).engine().on("tcp://b:2376").buildMemory()).isEqualTo(8L << 30);
    }

    @Test
    void theImageRegistryTakesTheLoginOfItsHost() {
        RegistryCredentials login = new RegistryCredentials("registry.example:5000", "builder", "s3cret");
        java.util.List<String> asked = new java.util.ArrayList<>();
        BuildSettings settings = new SettingsResolver(raw(Map.of()).with(UserProperty.REGISTRY, " registry.example:5000/kube "))
                .resolve(WORKING_DIRECTORY, false, ProxySettings.NONE, false, null, host -> {
                    asked.add(host);
                    return login;
                });
        assertThat(asked).containsExactly("registry.example:5000");
        assertThat(settings.engine().imageRegistry()).isEqualTo(new ImageRegistry("registry.example:5000/kube", login));
        assertThat(settings.engine().on("tcp://b:2376").imageRegistry()).isEqualTo(settings.engine().imageRegistry());
        assertThat(resolve(raw(Map.of())).engine().imageRegistry()).isNull();
        assertRefused(UserProperty.REGISTRY, "https://registry.example/kube",
                "kube.registry is 'https://registry.example/kube': give the registry without a scheme.");
    }

    private static RawParameters cluster() {
        return raw(Map.of()).with(UserProperty.ENGINE, "kubernetes");
    }

    private static void assertRefused(UserProperty property, String value, String message) {
        assertThatThrownBy(() -> resolve(raw(Map.of()).with(property, value)))
                .isInstanceOf(KubeBuildException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void aValueOfTheWrongKindIsNamedBeforeAValueOutOfRange() {
        assertThatThrownBy(() -> resolve(raw(Map.of()).with(UserProperty.SYNC, "nfs").with(UserProperty.VERBOSE, "x")))
                .hasMessageStartingWith("kube.verbose is 'x'");
        assertThatThrownBy(() -> resolve(raw(Map.of()).with(UserProperty.VERBOSE, "11").with(UserProperty.SOURCE_DATE_EPOCH, "-5")))
                .hasMessageStartingWith("SOURCE_DATE_EPOCH (kube.sourceDateEpoch) is '-5'");
        assertThatThrownBy(() -> resolve(raw(Map.of()).with(UserProperty.RSYNC_PORT, "70000").with(UserProperty.LOCK_TIMEOUT, "-2")))
                .hasMessageStartingWith("kube.lockTimeout is -2");
    }

    @Test
    void valuesAreTakenAsGivenWhereUpstreamTakesThemAsGiven() {
        BuildSettings settings = new SettingsResolver(raw(Map.of("KUBE_FASTBUILD", " true", "KUBE_TEST_ARGS", " -run TestFoo ")))
                .resolve(WORKING_DIRECTORY, false, ProxySettings.NONE, true, null, host -> null);
        assertThat(settings.make().fastBuild()).isFalse();
        assertThat(settings.make().extraEnvironment()).containsEntry("KUBE_TEST_ARGS", " -run TestFoo ");
    }

    @Test
    void copyOutputAcceptsUpstreamsYesAndNo() {
        assertThat(new SettingsResolver(raw(Map.of("KUBE_RUN_COPY_OUTPUT", "n"))).copyOutput()).isFalse();
        assertThat(new SettingsResolver(raw(Map.of()).with(UserProperty.COPY_OUTPUT, "Y")).copyOutput()).isTrue();
        assertThat(new SettingsResolver(raw(Map.of()).with(UserProperty.COPY_OUTPUT, "false")).copyOutput()).isFalse();
        assertThat(new SettingsResolver(raw(Map.of())).copyOutput()).isTrue();
    }

    @Test
    void releaseTakesTheTarballsAskedForElseAll() {
        Set<String> all = Set.of("src", "client", "server");
        ReleaseSettings asked = new SettingsResolver(raw(Map.of()).with(UserProperty.TARBALLS, "client, src")
                .with(UserProperty.RELEASE_IMAGES, true)).release(all, Set.of("target"));
        assertThat(asked.tarballs()).containsExactlyInAnyOrder("client", "src");
        assertThat(asked.serverImages()).isTrue();
        assertThat(asked.crossBuild()).isTrue();
        assertThat(asked.leftOut()).containsExactly("target");
        assertThat(new SettingsResolver(raw(Map.of())).release(all, Set.of()).tarballs()).isEqualTo(all);
    }

    @Test
    void rsyncTakesAPublishedPortOnAnEngineOfThisMachineAndTheEngineApiElsewhereUnlessOneIsAskedFor() {
        assertThat(resolve(raw(Map.of())).sync().transportFor(true)).isEqualTo(SyncSettings.RsyncTransport.PORT);
        assertThat(resolve(raw(Map.of())).sync().transportFor(false)).isEqualTo(SyncSettings.RsyncTransport.API);
        assertThat(resolve(raw(Map.of()).with(UserProperty.RSYNC_TRANSPORT, "api")).sync().transportFor(true))
                .isEqualTo(SyncSettings.RsyncTransport.API);
        assertThat(resolve(raw(Map.of("KUBE_RSYNC_PORT", "8731"))).sync().transport()).isEqualTo(SyncSettings.RsyncTransport.PORT);
        assertThat(resolve(raw(Map.of()).with(UserProperty.RSYNC_TRANSPORT, "port")).sync().transport())
                .isEqualTo(SyncSettings.RsyncTransport.PORT);
        assertThatThrownBy(() -> resolve(raw(Map.of("KUBE_RSYNC_PORT", "8731")).with(UserProperty.RSYNC_TRANSPORT, "api")))
                .isInstanceOf(KubeBuildException.class).hasMessageContaining("8731").hasMessageContaining("api");
        assertThatThrownBy(() -> resolve(raw(Map.of()).with(UserProperty.RSYNC_TRANSPORT, "socket")))
                .isInstanceOf(KubeBuildException.class).hasMessage("kube.rsyncTransport is 'socket'.");
    }
}
