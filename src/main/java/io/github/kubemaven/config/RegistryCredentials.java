package io.github.kubemaven.config;

/**
 * The login for pulling images from a private registry: a {@code <server>} of Maven's settings.xml, its password
 * decrypted. Its text form never shows the password.
 *
 * @param serverId the server's id in settings.xml ({@code kube.registryServerId})
 */
public record RegistryCredentials(String serverId, String username, String password) {

    @Override
    public String toString() {
        return "RegistryCredentials[serverId=" + serverId + ", username=" + username + ", password=****]";
    }
}
