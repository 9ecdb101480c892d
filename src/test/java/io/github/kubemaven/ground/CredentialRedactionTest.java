package io.github.kubemaven.ground;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialRedactionTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "http://u:p@ss@h:3128                 => http://***@h:3128",
            "http://user:pa/ss@proxy:3128         => http://***@proxy:3128",
            "http://user:12/ss@proxy:3128/        => http://***@proxy:3128/",
            "http://user:pa#ss@proxy:3128         => http://***@proxy:3128",
            "http://user:12#ss@proxy:3128         => http://***@proxy:3128",
            "http://user:50%off@proxy:3128        => http://***@proxy:3128",
            "http://user:p%40ss@proxy:3128        => http://***@proxy:3128",
            "http://us:er:p:a?s@proxy.corp        => http://***@proxy.corp",
            "http://u@x:p@/#?%:@proxy.corp:80/pac => http://***@proxy.corp:80/pac",
            "https://token@proxy.corp/path?q=1#f  => https://***@proxy.corp/path?q=1#f",
    })
    void hidesUserInfoWhateverItHolds(String given, String shown) {
        assertThat(CredentialRedaction.redact(given)).isEqualTo(shown);
    }

    @Test
    void eachUrlOfAGoproxyListLosesItsCredentials() {
        assertThat(CredentialRedaction.redact("https://u:p@a.corp,https://b.corp|https://v:q/r@c.corp/go,direct"))
                .isEqualTo("https://***@a.corp,https://b.corp|https://***@c.corp/go,direct");
        assertThat(CredentialRedaction.redact("https://u:p,x@a.corp,off")).isEqualTo("https://***@a.corp,off");
    }

    @Test
    void urlsInsideLongerTextsAreFoundToo() {
        assertThat(CredentialRedaction.redact("sum.golang.org+key https://ci:t0k@sum.corp -v GOPROXY=http://a:b@c"))
                .isEqualTo("sum.golang.org+key https://***@sum.corp -v GOPROXY=http://***@c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "off", "direct", "https://proxy.golang.org,direct", "http://proxy:3128",
            "localhost,.corp,10.0.0.0/8", "git@github.com:kubernetes/kubernetes.git", "user@host", "a://", "://u:p@h",
            "-ldflags=-X 'k8s.io/component-base/version.gitVersion=v1.20.2'", "http://[::1]:3128/x?y=z#w",
            "https://proxy.corp/a%2Fb?c=d", "sum.golang.org https://sum.golang.org"})
    void textsWithoutCredentialsStayAsTheyAre(String text) {
        assertThat(CredentialRedaction.redact(text)).isEqualTo(text);
    }

    @Test
    void anAtAfterThePathHidesUpToItSoThatNoPartOfAPasswordShows() {
        assertThat(CredentialRedaction.redact("https://u:p@proxy.corp/mod/@v/list")).isEqualTo("https://***@v/list");
    }

    @Test
    void nullStaysNull() {
        assertThat(CredentialRedaction.redact(null)).isNull();
    }
}
