package io.github.kubemaven.maven;

import io.github.kubemaven.config.RegistryCredentials;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** The registry login a {@code <server>} of settings.xml holds, its password decrypted as Maven does. */
final class SettingsServers {

    private SettingsServers() {
    }

    /**
     * @return the login of the server {@code serverId} names, or null when no id is given
     */
    static RegistryCredentials registryLogin(Settings settings, SettingsDecrypter decrypter, String serverId) {
        if (serverId == null || serverId.isBlank()) {
            return null;
        }
        String id = serverId.strip();
        Server server = settings == null ? null : settings.getServer(id);
        if (server == null) {
            throw new KubeBuildException("kube.registryServerId is '" + id + "', but settings.xml has no <server> with that id.",
                    Hints.REGISTRY_SERVER);
        }
        return loginOf(server, decrypter);
    }

    /**
     * @return the login of the server whose id is {@code serverId}, or null when settings.xml has no such server
     */
    static RegistryCredentials loginIfPresent(Settings settings, SettingsDecrypter decrypter, String serverId) {
        Server server = settings == null ? null : settings.getServer(serverId);
        return server == null ? null : loginOf(server, decrypter);
    }

    private static RegistryCredentials loginOf(Server server, SettingsDecrypter decrypter) {
        String id = server.getId();
        if (decrypter != null && server.getPassword() != null) {
            SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            if (!result.getProblems().isEmpty()) {
                throw new KubeBuildException("The password of server '" + id + "' in settings.xml cannot be decrypted: "
                        + result.getProblems().get(0).getMessage(), Hints.REGISTRY_PASSWORD);
            }
            if (result.getServer() != null) {
                server = result.getServer();
            }
        }
        if (server.getUsername() == null || server.getUsername().isBlank() || server.getPassword() == null) {
            throw new KubeBuildException("The server '" + id + "' in settings.xml has no <username> and <password> to log in to a registry with.",
                    Hints.REGISTRY_SERVER);
        }
        return new RegistryCredentials(id, server.getUsername(), server.getPassword());
    }
}
