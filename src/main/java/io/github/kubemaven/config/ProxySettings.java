package io.github.kubemaven.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The proxies of the image build and the containers (KUBERNETES_HTTP_PROXY, KUBERNETES_HTTPS_PROXY,
 * KUBERNETES_NO_PROXY); empty strings for none.
 */
public record ProxySettings(String http, String https, String noProxy) {

    public static final ProxySettings NONE = new ProxySettings("", "", "");

    public ProxySettings {
        http = http == null ? "" : http;
        https = https == null ? "" : https;
        noProxy = noProxy == null ? "" : noProxy;
    }

    /** The proxy variables in both spellings tools read; empty ones left out. */
    public Map<String, String> asEnvironment() {
        Map<String, String> variables = new LinkedHashMap<>();
        putBoth(variables, "http_proxy", http);
        putBoth(variables, "https_proxy", https);
        putBoth(variables, "no_proxy", noProxy);
        return variables;
    }

    private static void putBoth(Map<String, String> variables, String name, String value) {
        if (value != null && !value.isBlank()) {
            variables.put(name, value);
            variables.put(name.toUpperCase(Locale.ROOT), value);
        }
    }
}
