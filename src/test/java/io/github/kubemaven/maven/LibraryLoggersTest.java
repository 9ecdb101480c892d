package io.github.kubemaven.maven;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LibraryLoggersTest {

    @Test
    void eachMavenGetsTheLevelUnderTheNameItsLoggerReads() {
        assertThat(LibraryLoggers.propertyFor(false)).isEqualTo("org.slf4j.simpleLogger.log.com.github.dockerjava");
        assertThat(LibraryLoggers.propertyFor(true)).isEqualTo("maven.logger.log.com.github.dockerjava");
    }

    @Test
    void theTestsRunOnMaven3sApi() {
        assertThat(LibraryLoggers.runsOnMaven4(getClass().getClassLoader())).isFalse();
    }
}
