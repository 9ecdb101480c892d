package io.github.kubemaven.engine.connect;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineEndpointTest {

    @TempDir
    Path home;

    private Path config() {
        return home.resolve(".docker");
    }

    /** Writes a context as {@code docker context create} does; returns its TLS folder. */
    static Path context(Path config, String name, String host, boolean skipTlsVerify) throws IOException {
        String id = io.github.kubemaven.ground.Hashing.sha256(name);
        Path meta = config.resolve("contexts/meta/" + id + "/meta.json");
        Files.createDirectories(meta.getParent());
        Files.writeString(meta, "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host
                + "\",\"SkipTLSVerify\":" + skipTlsVerify + "}}}");
        return config.resolve("contexts/tls/" + id + "/docker");
    }

    private void useContext(String name) throws IOException {
        Files.createDirectories(config());
        Files.writeString(config().resolve("config.json"), "{\n\t\"auths\": {},\n\t\"currentContext\": \"" + name + "\"\n}");
    }

    private static void tlsFiles(Path directory, String... names) throws IOException {
        Files.createDirectories(directory);
        for (String name : names) {
            Files.writeString(directory.resolve(name), "pem");
        }
    }

    private EngineEndpoint resolve(String explicitHost, Map<String, String> environment) {
        return EngineEndpoint.resolve(explicitHost, environment, home);
    }

    @Test
    void registryLoginsTravelOnlyOverASocketSshOrTls() throws IOException {
        Path certificates = home.resolve("certs");
        tlsFiles(certificates, EngineTls.CA, EngineTls.CERTIFICATE, EngineTls.KEY);
        assertThat(resolve(null, Map.of()).receivesCredentials()).isTrue();
        assertThat(resolve("unix:///run/podman/podman.sock", Map.of()).receivesCredentials()).isTrue();
        assertThat(resolve("ssh://builder@10.0.0.2", Map.of()).receivesCredentials()).isTrue();
        assertThat(resolve("tcp://10.0.0.2:2376", Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certificates.toString()))
                .receivesCredentials()).isTrue();
        assertThat(resolve("tcp://10.0.0.2:2376", Map.of("DOCKER_TLS", "1", "DOCKER_CERT_PATH", certificates.toString()))
                .receivesCredentials()).isTrue();
        assertThat(resolve("tcp://10.0.0.2:2375", Map.of()).receivesCredentials()).isFalse();
        assertThat(resolve("127.0.0.1:2375", Map.of()).receivesCredentials()).isFalse();
        context(config(), "plain", "tcp://10.0.0.3:2375", false);
        useContext("plain");
        assertThat(resolve(null, Map.of()).receivesCredentials()).isFalse();
        tlsFiles(context(config(), "secured", "tcp://10.0.0.3:2376", false), EngineTls.CA);
        useContext("secured");
        assertThat(resolve(null, Map.of()).receivesCredentials()).isTrue();
    }

    @Test
    void eachStepWinsOverTheOnesAfterIt() throws IOException {
        context(config(), "current", "tcp://10.0.0.4:2375", false);
        context(config(), "chosen", "tcp://10.0.0.3:2375", false);
        useContext("current");
        Map<String, String> environment = new HashMap<>(Map.of("DOCKER_HOST", "tcp://10.0.0.2:2375", "DOCKER_CONTEXT", "chosen"));

        assertThat(resolve("unix:///run/other.sock", environment))
                .isEqualTo(new EngineEndpoint("unix:///run/other.sock", null, false, "kube.dockerHost"));
        assertThat(resolve(null, environment))
                .isEqualTo(new EngineEndpoint("tcp://10.0.0.2:2375", null, false, "DOCKER_HOST"));
        environment.remove("DOCKER_HOST");
        assertThat(resolve(null, environment)).isEqualTo(new EngineEndpoint("tcp://10.0.0.3:2375", null, false,
                "docker context chosen, named by DOCKER_CONTEXT"));
        environment.remove("DOCKER_CONTEXT");
        assertThat(resolve(null, environment)).isEqualTo(new EngineEndpoint("tcp://10.0.0.4:2375", null, false,
                "docker context current, the current one in " + config().resolve("config.json")));
        Files.delete(config().resolve("config.json"));
        assertThat(resolve(null, environment))
                .isEqualTo(new EngineEndpoint("unix:///var/run/docker.sock", null, false, "the default socket"));
    }

    @Test
    void blankValuesCountAsUnset() throws IOException {
        context(config(), "chosen", "tcp://10.0.0.3:2375", false);
        EngineEndpoint endpoint = resolve("  ", Map.of("DOCKER_HOST", "", "DOCKER_CONTEXT", "chosen"));
        assertThat(endpoint.host()).isEqualTo("tcp://10.0.0.3:2375");
        assertThat(resolve("", Map.of("DOCKER_HOST", " ", "DOCKER_CONTEXT", "")).origin()).isEqualTo("the default socket");
    }

    @Test
    void describeNamesTheEngineAndHowItWasChosen() {
        assertThat(resolve(null, Map.of("DOCKER_HOST", "tcp://10.213.57.2:2376")).describe())
                .isEqualTo("tcp://10.213.57.2:2376 (from DOCKER_HOST)");
        assertThat(resolve("ssh://builder", Map.of()).describe()).isEqualTo("ssh://builder (from kube.dockerHost)");
    }

    @Test
    void onlyUnixSocketsAndLoopbackAddressesCountAsThisMachine() {
        for (String local : java.util.List.of("unix:///var/run/docker.sock", "tcp://127.0.0.1:2375", "tcp://localhost:2376",
                "tcp://[::1]:2376")) {
            assertThat(resolve(local, Map.of()).onThisMachine()).as(local).isTrue();
        }
        for (String elsewhere : java.util.List.of("tcp://10.213.57.2:2376", "tcp://builder:2375", "ssh://localhost",
                "ssh://me@127.0.0.1:22")) {
            assertThat(resolve(elsewhere, Map.of()).onThisMachine()).as(elsewhere).isFalse();
        }
    }

    @Test
    void aContextWithTlsFilesVerifiesWithThem() throws IOException {
        Path tls = context(config(), "kube-mvn-second", "tcp://10.213.57.2:2376", false);
        tlsFiles(tls, "ca.pem", "cert.pem", "key.pem");

        EngineEndpoint endpoint = resolve(null, Map.of("DOCKER_CONTEXT", "kube-mvn-second"));

        assertThat(endpoint).isEqualTo(new EngineEndpoint("tcp://10.213.57.2:2376", tls, true,
                "docker context kube-mvn-second, named by DOCKER_CONTEXT"));
        assertThat(endpoint.describe()).isEqualTo("tcp://10.213.57.2:2376 (from docker context kube-mvn-second, named by DOCKER_CONTEXT)");
    }

    @Test
    void aContextWithoutTlsFilesSpeaksPlainTcp() throws IOException {
        context(config(), "plain", "tcp://10.0.0.2:2375", false);
        assertThat(resolve(null, Map.of("DOCKER_CONTEXT", "plain")).tlsDirectory()).isNull();
    }

    @Test
    void skipTlsVerifyMeansTlsWithoutVerification() throws IOException {
        Path tls = context(config(), "skip", "tcp://10.0.0.3:2376", true);

        EngineEndpoint endpoint = resolve(null, Map.of("DOCKER_CONTEXT", "skip"));

        assertThat(endpoint.tlsDirectory()).isEqualTo(tls);
        assertThat(endpoint.tlsVerify()).isFalse();
        assertThat(endpoint.describe()).isEqualTo(
                "tcp://10.0.0.3:2376 (from docker context skip, named by DOCKER_CONTEXT, TLS without verification)");
    }

    @Test
    void tlsVariablesDoNotApplyToAContext() throws IOException {
        context(config(), "plain", "tcp://10.0.0.2:2375", false);
        EngineEndpoint endpoint = resolve(null, Map.of("DOCKER_CONTEXT", "plain", "DOCKER_TLS_VERIFY", "1"));
        assertThat(endpoint.tlsDirectory()).isNull();
    }

    @Test
    void anUnknownContextIsOneLineThatNamesIt() {
        String id = io.github.kubemaven.ground.Hashing.sha256("nowhere");
        assertThatThrownBy(() -> resolve(null, Map.of("DOCKER_CONTEXT", "nowhere")))
                .isInstanceOf(KubeBuildException.class)
                .hasMessage("The docker context nowhere (named by DOCKER_CONTEXT) does not exist: there is no "
                        + config().resolve("contexts/meta/" + id + "/meta.json") + ".")
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).isEqualTo(Hints.DOCKER_CONTEXT));
    }

    @Test
    void anUnknownCurrentContextNamesTheConfigFile() throws IOException {
        useContext("gone");
        assertThatThrownBy(() -> resolve(null, Map.of()))
                .hasMessageStartingWith("The docker context gone (the current one in " + config().resolve("config.json")
                        + ") does not exist");
    }

    @Test
    void theDefaultContextIsTheDefaultSocket() throws IOException {
        useContext("default");
        assertThat(resolve(null, Map.of())).isEqualTo(new EngineEndpoint("unix:///var/run/docker.sock", null, false,
                "docker context default, the current one in " + config().resolve("config.json")));
        assertThat(resolve(null, Map.of("DOCKER_CONTEXT", "default")).host()).isEqualTo("unix:///var/run/docker.sock");
    }

    @Test
    void theDefaultContextFollowsTheTlsVariables() throws IOException {
        Path certificates = home.resolve("certificates");
        tlsFiles(certificates, "ca.pem");
        EngineEndpoint endpoint = resolve(null, Map.of("DOCKER_CONTEXT", "default", "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", certificates.toString()));
        assertThat(endpoint).isEqualTo(new EngineEndpoint("tcp://localhost:2376", certificates, true,
                "docker context default, named by DOCKER_CONTEXT"));
    }

    @Test
    void dockerConfigMovesTheContextsAndTheDefaultCertificates() throws IOException {
        Path elsewhere = home.resolve("elsewhere");
        context(config(), "second", "tcp://10.0.0.9:2375", false);
        Path tls = context(elsewhere, "second", "tcp://10.0.0.2:2376", false);
        tlsFiles(tls, "ca.pem");
        Files.writeString(elsewhere.resolve("config.json"), "{\"currentContext\":\"second\"}");

        EngineEndpoint fromContext = resolve(null, Map.of("DOCKER_CONFIG", elsewhere.toString()));
        assertThat(fromContext).isEqualTo(new EngineEndpoint("tcp://10.0.0.2:2376", tls, true,
                "docker context second, the current one in " + elsewhere.resolve("config.json")));

        tlsFiles(elsewhere, "ca.pem");
        EngineEndpoint fromVariables = resolve(null, Map.of("DOCKER_CONFIG", elsewhere.toString(),
                "DOCKER_HOST", "tcp://10.0.0.5:2376", "DOCKER_TLS_VERIFY", "1"));
        assertThat(fromVariables.tlsDirectory()).isEqualTo(elsewhere);
    }

    @Test
    void tlsVariablesApplyToTcpAddressesAsTheDockerCliReadsThem() throws IOException {
        Path certificates = home.resolve("certificates");
        tlsFiles(certificates, "ca.pem", "cert.pem", "key.pem");
        Map<String, String> verify = Map.of("DOCKER_HOST", "tcp://10.0.0.2:2376", "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", certificates.toString());
        assertThat(resolve(null, verify)).isEqualTo(new EngineEndpoint("tcp://10.0.0.2:2376", certificates, true, "DOCKER_HOST"));

        Map<String, String> tlsOnly = Map.of("DOCKER_HOST", "tcp://10.0.0.2:2376", "DOCKER_TLS", "1",
                "DOCKER_CERT_PATH", certificates.toString());
        assertThat(resolve(null, tlsOnly)).isEqualTo(new EngineEndpoint("tcp://10.0.0.2:2376", certificates, false, "DOCKER_HOST"));

        Map<String, String> filesOnly = Map.of("DOCKER_HOST", "tcp://10.0.0.2:2376", "DOCKER_CERT_PATH", certificates.toString());
        assertThat(resolve(null, filesOnly).tlsDirectory()).as("certificate files alone do not turn TLS on").isNull();

        assertThat(resolve("unix:///run/docker.sock", verify).tlsDirectory()).as("no TLS on a unix socket").isNull();
        assertThat(resolve("tcp://10.0.0.3:2376", verify).tlsDirectory()).as("kube.dockerHost takes them too")
                .isEqualTo(certificates);
    }

    @Test
    void tlsFromTheVariablesNeedsTheAuthority() {
        Path certificates = home.resolve("certificates");
        assertThatThrownBy(() -> resolve(null, Map.of("DOCKER_HOST", "tcp://10.0.0.2:2376", "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", certificates.toString())))
                .isInstanceOf(KubeBuildException.class)
                .hasMessage("DOCKER_TLS_VERIFY asks for TLS with the Docker engine at tcp://10.0.0.2:2376 (from DOCKER_HOST), "
                        + "but there is no " + certificates.resolve("ca.pem") + ".")
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).isEqualTo(Hints.DOCKER_TLS_FILES));
    }

    @Test
    void addressesAreNormalizedAsTheDockerCliDoes() {
        assertThat(EngineEndpoint.normalize("tcp://10.0.0.2", false)).isEqualTo("tcp://10.0.0.2:2375");
        assertThat(EngineEndpoint.normalize("tcp://10.0.0.2", true)).isEqualTo("tcp://10.0.0.2:2375");
        assertThat(EngineEndpoint.normalize("10.0.0.2:2376", false)).isEqualTo("tcp://10.0.0.2:2376");
        assertThat(EngineEndpoint.normalize("tcp://:2376", false)).isEqualTo("tcp://localhost:2376");
        assertThat(EngineEndpoint.normalize("tcp://[::1]:2376/prefix", false)).isEqualTo("tcp://[::1]:2376/prefix");
        assertThat(EngineEndpoint.normalize("tcp://build_host.lan:2376", false)).isEqualTo("tcp://build_host.lan:2376");
        assertThat(EngineEndpoint.normalize("unix://", false)).isEqualTo("unix:///var/run/docker.sock");
        assertThat(EngineEndpoint.normalize("", false)).isEqualTo("unix:///var/run/docker.sock");
        assertThat(EngineEndpoint.normalize("", true)).isEqualTo("tcp://localhost:2376");
        assertThat(EngineEndpoint.normalize("ssh://me@builder:2222", false)).isEqualTo("ssh://me@builder:2222");
    }

    @Test
    void aMalformedAddressIsOneLineThatNamesItAndWhereItCameFrom() {
        Map<String, List<String>> cases = Map.of(
                "tcp://builder:abc", List.of("DOCKER_HOST", "the port 'abc' is not a number from 1 to 65535"),
                "tcp://builder:70000", List.of("DOCKER_HOST", "the port '70000' is not a number from 1 to 65535"),
                "fd://3", List.of("DOCKER_HOST", "the scheme 'fd' is none of unix, tcp, ssh and npipe"),
                "tcp://tcp://builder", List.of("DOCKER_HOST", "it holds a second scheme"),
                "ssh://me:secret@builder", List.of("DOCKER_HOST", "a password in the address is not supported; use a key"),
                "tcp://bad host:2375", List.of("DOCKER_HOST", "'bad host' is not a host name or address"),
                "tcp://[fd00::2", List.of("DOCKER_HOST", "write an IPv6 address as [ADDRESS]:PORT"),
                "tcp://fd00::2:2375", List.of("DOCKER_HOST", "write an IPv6 address in brackets, as [ADDRESS]:PORT"));
        cases.forEach((address, expected) -> assertThatThrownBy(() -> resolve(null, Map.of("DOCKER_HOST", address)))
                .isInstanceOf(KubeBuildException.class)
                .hasMessage("The Docker engine address '" + address + "' from " + expected.get(0) + " is not valid: "
                        + expected.get(1) + ".")
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).isEqualTo(Hints.DOCKER_HOST_FORMAT)));
    }

    @Test
    void aMalformedAddressInAContextNamesTheContext() throws IOException {
        context(config(), "broken", "tcp://builder:port", false);
        assertThatThrownBy(() -> resolve(null, Map.of("DOCKER_CONTEXT", "broken")))
                .hasMessage("The Docker engine address 'tcp://builder:port' from docker context broken, named by DOCKER_CONTEXT "
                        + "is not valid: the port 'port' is not a number from 1 to 65535.");
    }

    @Test
    void kubeDockerHostIsCheckedToo() {
        assertThatThrownBy(() -> resolve("tcp://builder:x", Map.of()))
                .hasMessageContaining("'tcp://builder:x' from kube.dockerHost is not valid");
    }
}
