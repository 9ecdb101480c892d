package io.github.kubemaven.maven;

import org.apache.maven.settings.Proxy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A proxy of settings.xml in the form proxy variables take. Its protocol says which traffic it serves (http or
 * https); the proxy itself is spoken to in plain HTTP either way, as curl and Go read http_proxy and https_proxy.
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
        return "http://" + credentials + proxy.getHost() + ":" + proxy.getPort();
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
