package io.github.kubemaven.maven;

import org.apache.maven.settings.Proxy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Maven's active proxy from settings.xml in the form proxy variables take.
 */
final class ProxyUrls {

    private ProxyUrls() {
    }

    static String url(Proxy proxy) {
        if (proxy == null || proxy.getHost() == null || proxy.getHost().isBlank()) {
            return "";
        }
        String credentials = "";
        if (proxy.getUsername() != null && !proxy.getUsername().isEmpty()) {
            credentials = encode(proxy.getUsername())
                    + (proxy.getPassword() == null ? "" : ":" + encode(proxy.getPassword())) + "@";
        }
        String protocol = proxy.getProtocol() == null || proxy.getProtocol().isBlank() ? "http" : proxy.getProtocol();
        return protocol + "://" + credentials + proxy.getHost() + ":" + proxy.getPort();
    }

    static String nonProxyHosts(Proxy proxy) {
        if (proxy == null || proxy.getNonProxyHosts() == null) {
            return "";
        }
        return String.join(",", proxy.getNonProxyHosts().split("\\|")).replace("*.", ".");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
