package io.github.kubemaven.engine.connect;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class DockerContextsTest {

    @TempDir
    Path home;

    @Test
    void theConfigDirectoryIsDockerConfigOrDotDockerInTheHome() {
        assertThat(DockerContexts.of(Map.of(), home).directory()).isEqualTo(home.resolve(".docker"));
        assertThat(DockerContexts.of(Map.of("DOCKER_CONFIG", " "), home).directory()).isEqualTo(home.resolve(".docker"));
        assertThat(DockerContexts.of(Map.of("DOCKER_CONFIG", "/etc/docker-client"), home).directory())
                .isEqualTo(Path.of("/etc/docker-client"));
    }

    @Test
    void theCurrentContextComesFromConfigJson() throws IOException {
        DockerContexts contexts = new DockerContexts(home);
        assertThat(contexts.currentContext()).as("no config.json").isEmpty();
        Files.writeString(home.resolve("config.json"), "{\"auths\":{}}");
        assertThat(contexts.currentContext()).as("none named").isEmpty();
        Files.writeString(home.resolve("config.json"), "{\"auths\":{},\"currentContext\":\"second\"}");
        assertThat(contexts.currentContext()).isEqualTo(Optional.of("second"));
    }

    @Test
    void onlyATopLevelNonBlankStringNamesTheCurrentContext() throws IOException {
        DockerContexts contexts = new DockerContexts(home);
        for (String config : List.of("", "  \n", "[]", "\"text\"", "{\"currentContext\":null}", "{\"currentContext\":7}",
                "{\"currentContext\":\" \"}", "{\"currentContext\":{\"name\":\"x\"}}",
                "{\"auths\":{\"registry\":{\"currentContext\":\"nested\"}},\"proxies\":[{\"currentContext\":\"in a list\"}]}")) {
            Files.writeString(home.resolve("config.json"), config);
            assertThat(contexts.currentContext()).as(config).isEmpty();
        }
        Files.writeString(home.resolve("config.json"), "{\"auths\":{\"r\":{\"auth\":\"x\"}},\"credHelpers\":{},\"currentContext\":\"after nested\"}");
        assertThat(contexts.currentContext()).contains("after nested");
    }

    @Test
    void aMalformedConfigJsonOfAnyShapeIsOneLine() throws IOException {
        for (String config : List.of("[1,", "{\"auths\":{\"r\":", "{\"currentContext\" \"x\"}")) {
            Files.writeString(home.resolve("config.json"), config);
            assertThatThrownBy(() -> new DockerContexts(home).currentContext()).as(config)
                    .isInstanceOf(KubeBuildException.class)
                    .hasMessageStartingWith("The docker configuration " + home.resolve("config.json") + " cannot be read: ");
        }
    }

    @Test
    void aMalformedConfigJsonIsOneLine() throws IOException {
        Files.writeString(home.resolve("config.json"), "{\"currentContext\": ");
        assertThatThrownBy(() -> new DockerContexts(home).currentContext())
                .isInstanceOf(KubeBuildException.class)
                .hasMessageStartingWith("The docker configuration " + home.resolve("config.json") + " cannot be read: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).isEqualTo(Hints.DOCKER_SETTINGS));
    }

    @Test
    void aContextIsReadFromTheFolderOfItsNamesSha256() throws IOException {
        Path meta = home.resolve("contexts/meta/fbc4ec559d362a8c8eed2d5aa8addf7fa51fc6ee594b39bc340082be9a226ea0/meta.json");
        Files.createDirectories(meta.getParent());
        Files.writeString(meta, "{\"Name\":\"kube-mvn-second\",\"Metadata\":{},\"Endpoints\":{\"docker\":"
                + "{\"Host\":\"tcp://10.0.0.2:2376\",\"SkipTLSVerify\":true}}}");

        DockerContexts.Context context = new DockerContexts(home).read("kube-mvn-second", "docker context kube-mvn-second");

        assertThat(context).isEqualTo(new DockerContexts.Context("kube-mvn-second", "tcp://10.0.0.2:2376", true,
                home.resolve("contexts/tls/fbc4ec559d362a8c8eed2d5aa8addf7fa51fc6ee594b39bc340082be9a226ea0/docker")));
    }

    @Test
    void aContextWithoutADockerEndpointOrWithBrokenJsonIsOneLine() throws IOException {
        EngineEndpointTest.context(home, "other", "x", false);
        Path meta = home.resolve("contexts/meta/" + io.github.kubemaven.ground.Hashing.sha256("other") + "/meta.json");
        Files.writeString(meta, "{\"Name\":\"other\",\"Endpoints\":{\"kubernetes\":{}}}");
        assertThatThrownBy(() -> new DockerContexts(home).read("other", "docker context other"))
                .hasMessage("The docker context other names no Docker engine: " + meta + " has no Endpoints.docker.");
        Files.writeString(meta, "{\"Name\":");
        assertThatThrownBy(() -> new DockerContexts(home).read("other", "docker context other"))
                .hasMessageStartingWith("The docker context other cannot be read from " + meta + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).isEqualTo(Hints.DOCKER_CONTEXT));
    }

    /** The store as the docker CLI itself writes it, TLS files included. */
    @Test
    void contextsMadeByTheDockerCliResolve() throws Exception {
        assumeThat(dockerCli()).as("the docker CLI").isTrue();
        Path config = home.resolve(".docker");
        Path certificates = TestCertificates.write(home.resolve("pem"), "localhost");
        docker(config, "context", "create", "kube-mvn-second", "--docker", "host=tcp://10.213.57.2:2376,ca="
                + certificates.resolve("ca.pem") + ",cert=" + certificates.resolve("cert.pem") + ",key=" + certificates.resolve("key.pem"));
        docker(config, "context", "create", "skip", "--docker", "host=tcp://10.213.57.3:2376,skip-tls-verify=true");
        docker(config, "context", "use", "skip");

        EngineEndpoint second = EngineEndpoint.resolve(null, Map.of("DOCKER_CONTEXT", "kube-mvn-second"), home);
        assertThat(second.host()).isEqualTo("tcp://10.213.57.2:2376");
        assertThat(second.tlsVerify()).isTrue();
        assertThat(second.tlsDirectory().resolve("key.pem")).hasSameTextualContentAs(certificates.resolve("key.pem"));
        assertThat(EngineTls.context(second)).as("the files the CLI stored load").isNotNull();

        EngineEndpoint current = EngineEndpoint.resolve(null, Map.of(), home);
        assertThat(current.describe()).isEqualTo("tcp://10.213.57.3:2376 (from docker context skip, the current one in "
                + config.resolve("config.json") + ", TLS without verification)");
    }

    private static boolean dockerCli() {
        try {
            return new ProcessBuilder("docker", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void docker(Path config, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKER_CONFIG", config.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
