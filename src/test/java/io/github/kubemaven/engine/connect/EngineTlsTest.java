package io.github.kubemaven.engine.connect;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineTlsTest {

    @TempDir
    Path tls;

    private EngineEndpoint endpoint(boolean verify) {
        return new EngineEndpoint("tcp://10.0.0.2:2376", tls, verify, "DOCKER_HOST");
    }

    @Test
    void noTlsDirectoryMeansNoTls() {
        assertThat(EngineTls.context(new EngineEndpoint("tcp://10.0.0.2:2375", null, false, "DOCKER_HOST"))).isNull();
    }

    @Test
    void theDockerClisFilesMakeAContext() throws Exception {
        TestCertificates.write(tls, "10.0.0.2");
        assertThat(EngineTls.context(endpoint(true))).isNotNull();
        assertThat(EngineTls.context(endpoint(false))).isNotNull();
    }

    @Test
    void everyFileIsOptional() {
        assertThat(EngineTls.context(endpoint(true))).as("the JDK's authorities, no client certificate").isNotNull();
    }

    @Test
    void aBrokenAuthorityIsOneLineNamingTheFile() throws Exception {
        TestCertificates.write(tls, "10.0.0.2");
        Files.writeString(tls.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> EngineTls.context(endpoint(true)))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageStartingWith("The TLS file " + tls.resolve("ca.pem")
                        + " for the Docker engine at tcp://10.0.0.2:2376 (from DOCKER_HOST) cannot be used")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).isEqualTo(Hints.DOCKER_TLS_FILES));
    }

    @Test
    void anUnreadableKeyIsOneLineNamingTheFile() throws Exception {
        TestCertificates.write(tls, "10.0.0.2");
        Files.delete(tls.resolve("key.pem"));
        Files.createDirectory(tls.resolve("key.pem"));
        assertThatThrownBy(() -> EngineTls.context(endpoint(true)))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageStartingWith("The TLS file " + tls.resolve("key.pem") + " for the Docker engine at ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aKeyFileWithoutAKeyIsNamed() throws Exception {
        TestCertificates.write(tls, "10.0.0.2");
        Files.copy(tls.resolve("cert.pem"), tls.resolve("key.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> EngineTls.context(endpoint(false)))
                .hasMessage("The TLS file " + tls.resolve("key.pem") + " for the Docker engine at tcp://10.0.0.2:2376 "
                        + "(from DOCKER_HOST, TLS without verification) cannot be used: it holds no private key in PEM form");
    }
}
