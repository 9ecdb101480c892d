package io.github.kubemaven.maven;

import io.github.kubemaven.config.RegistryCredentials;
import io.github.kubemaven.ground.KubeBuildException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsServersTest {

    private static final String MASTER = "the-master-password";

    @TempDir
    Path directory;

    private final DefaultPlexusCipher cipher = new DefaultPlexusCipher();

    /** A decrypter as Maven makes it, reading a settings-security.xml with an encrypted master password. */
    private SettingsDecrypter decrypter() throws Exception {
        Path security = directory.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity><master>" + cipher.encryptAndDecorate(MASTER, "settings.security")
                + "</master></settingsSecurity>");
        return new DefaultSettingsDecrypter(new DefaultSecDispatcher(cipher, Map.of(), security.toString()));
    }

    private static Settings withServer(String id, String username, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(username);
        server.setPassword(password);
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }

    @Test
    void anEncryptedPasswordIsDecryptedAndNeverShown() throws Exception {
        Settings settings = withServer("private-registry", "builder", cipher.encryptAndDecorate("s3cret-Pa55", MASTER));
        RegistryCredentials login = SettingsServers.registryLogin(settings, decrypter(), " private-registry ");
        assertThat(login.serverId()).isEqualTo("private-registry");
        assertThat(login.username()).isEqualTo("builder");
        assertThat(login.password()).isEqualTo("s3cret-Pa55");
        assertThat(login.toString()).contains("builder").doesNotContain("s3cret-Pa55");
    }

    @Test
    void noIdMeansNoLogin() throws Exception {
        assertThat(SettingsServers.registryLogin(withServer("a", "u", "p"), decrypter(), null)).isNull();
        assertThat(SettingsServers.registryLogin(null, null, " ")).isNull();
    }

    @Test
    void anUnknownIdOrAServerWithoutLoginIsNamed() throws Exception {
        assertThatThrownBy(() -> SettingsServers.registryLogin(withServer("a", "u", "p"), decrypter(), "missing"))
                .isInstanceOf(KubeBuildException.class)
                .hasMessage("kube.registryServerId is 'missing', but settings.xml has no <server> with that id.");
        assertThatThrownBy(() -> SettingsServers.registryLogin(withServer("keys", null, null), decrypter(), "keys"))
                .hasMessageContaining("The server 'keys' in settings.xml has no <username> and <password>");
    }

    @Test
    void aPasswordThatCannotBeDecryptedFailsWithoutShowingIt() throws Exception {
        String encrypted = new DefaultPlexusCipher().encryptAndDecorate("s3cret-Pa55", "another-master");
        assertThatThrownBy(() -> SettingsServers.registryLogin(withServer("r", "builder", encrypted), decrypter(), "r"))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageStartingWith("The password of server 'r' in settings.xml cannot be decrypted")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-Pa55"));
    }
}
