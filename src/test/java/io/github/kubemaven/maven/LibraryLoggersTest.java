package io.github.kubemaven.maven;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LibraryLoggersTest {

    @Test
    void eachMavenGetsTheLevelUnderTheNameItsLoggerReads() {
        assertThat(LibraryLoggers.propertyFor(false, "com.github.dockerjava")).isEqualTo("org.slf4j.simpleLogger.log.com.github.dockerjava");
        assertThat(LibraryLoggers.propertyFor(true, "com.github.dockerjava")).isEqualTo("maven.logger.log.com.github.dockerjava");
    }

    @Test
    void theLoggersLeftOutAreClassesOfTheLibrary() throws ClassNotFoundException {
        Class.forName(LibraryLoggers.CALLBACK_ERRORS, false, getClass().getClassLoader());
        Class.forName(LibraryLoggers.REQUEST_RETRIES, false, getClass().getClassLoader());
    }

    @Test
    void theTestsRunOnMaven3sApi() {
        assertThat(LibraryLoggers.runsOnMaven4(getClass().getClassLoader())).isFalse();
    }
}
