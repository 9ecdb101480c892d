package io.github.kubemaven.maven;

import org.apache.maven.settings.Proxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyUrlsTest {

    private static Proxy proxy(String user, String password) {
        Proxy proxy = new Proxy();
        proxy.setHost("proxy.corp");
        proxy.setPort(3128);
        proxy.setUsername(user);
        proxy.setPassword(password);
        proxy.setNonProxyHosts("localhost|*.corp|10.0.0.1");
        return proxy;
    }

    @Test
    void mavensActiveProxyBecomesAProxyUrlWithEncodedCredentials() {
        assertThat(ProxyUrls.url(proxy(null, null))).isEqualTo("http://proxy.corp:3128");
        assertThat(ProxyUrls.url(proxy("me", "p@ss:word"))).isEqualTo("http://me:p%40ss%3Aword@proxy.corp:3128");
    }

    @Test
    void theProxyForHttpsTrafficIsStillReachedOverHttp() {
        Proxy https = proxy("me", "pw");
        https.setProtocol("https");
        assertThat(ProxyUrls.url(https)).isEqualTo("http://me:pw@proxy.corp:3128");
    }

    @Test
    void nonProxyHostsBecomeANoProxyList() {
        assertThat(ProxyUrls.nonProxyHosts(proxy(null, null))).isEqualTo("localhost,.corp,10.0.0.1");
    }

    @Test
    void noProxyGivesNothing() {
        assertThat(ProxyUrls.url(null)).isEmpty();
        assertThat(ProxyUrls.nonProxyHosts(null)).isEmpty();
    }
}
