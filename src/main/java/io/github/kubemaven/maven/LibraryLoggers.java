package io.github.kubemaven.maven;

/**
 * Keeps docker-java's own log at info even under {@code mvn -X}: its debug lines carry request headers and bodies,
 * registry logins among them. Maven 3's SLF4J binding and Maven 4's logger read the level from differently named
 * system properties; Maven 4 warns about the old name, so each gets only its own.
 */
final class LibraryLoggers {

    private static final String LIBRARY = "com.github.dockerjava";
    private static final String MAVEN_3_PREFIX = "org.slf4j.simpleLogger.log.";
    private static final String MAVEN_4_PREFIX = "maven.logger.log.";
    /** A type of Maven 4's API, which Maven 4 exports to plugins and Maven 3 lacks. */
    private static final String MAVEN_4_TYPE = "org.apache.maven.api.Session";

    private LibraryLoggers() {
    }

    static void quietDockerJava() {
        String property = propertyFor(runsOnMaven4(LibraryLoggers.class.getClassLoader()));
        if (System.getProperty(property) == null) {
            System.setProperty(property, "info");
        }
    }

    static String propertyFor(boolean maven4) {
        return (maven4 ? MAVEN_4_PREFIX : MAVEN_3_PREFIX) + LIBRARY;
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
