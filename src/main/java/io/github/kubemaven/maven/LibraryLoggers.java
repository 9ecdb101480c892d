package io.github.kubemaven.maven;

/**
 * Keeps docker-java's own log at info even under {@code mvn -X}: its debug lines carry request headers and bodies,
 * registry logins among them. Below that, the lines that only repeat a failure the plugin reports in its own words
 * are left out unless Maven shows errors ({@code -e}, {@code -X}): the stack trace docker-java logs when a call fails
 * ({@code Error during callback}) and its HTTP client's {@code Recoverable I/O exception} when Ctrl-C closes a
 * connection. Maven 3's SLF4J binding and Maven 4's logger read the level from differently named system properties;
 * Maven 4 warns about the old name, so each gets only its own.
 */
final class LibraryLoggers {

    private static final String LIBRARY = "com.github.dockerjava";
    static final String CALLBACK_ERRORS = LIBRARY + ".api.async.ResultCallbackTemplate";
    static final String REQUEST_RETRIES = LIBRARY + ".zerodep.shaded.org.apache.hc.client5.http.impl.classic.HttpRequestRetryExec";
    private static final String MAVEN_3_PREFIX = "org.slf4j.simpleLogger.log.";
    private static final String MAVEN_4_PREFIX = "maven.logger.log.";
    /** A type of Maven 4's API, which Maven 4 exports to plugins and Maven 3 lacks. */
    private static final String MAVEN_4_TYPE = "org.apache.maven.api.Session";

    private LibraryLoggers() {
    }

    static void quietDockerJava(boolean showsErrors) {
        boolean maven4 = runsOnMaven4(LibraryLoggers.class.getClassLoader());
        levelUnlessSet(propertyFor(maven4, LIBRARY), "info");
        if (!showsErrors) {
            levelUnlessSet(propertyFor(maven4, CALLBACK_ERRORS), "off");
            levelUnlessSet(propertyFor(maven4, REQUEST_RETRIES), "warn");
        }
    }

    private static void levelUnlessSet(String property, String level) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, level);
        }
    }

    static String propertyFor(boolean maven4, String logger) {
        return (maven4 ? MAVEN_4_PREFIX : MAVEN_3_PREFIX) + logger;
    }

    static boolean runsOnMaven4(ClassLoader loader) {
        try {
            Class.forName(MAVEN_4_TYPE, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
