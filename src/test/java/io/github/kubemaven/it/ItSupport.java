package io.github.kubemaven.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the integration tests' Groovy scripts share: copying the example tree, git, docker and Maven runs, binary
 * checks. The invoker puts the test classes on the scripts' class path; a script starts with
 * {@code import io.github.kubemaven.it.ItSupport} and {@code def kit = new ItSupport()}.
 */
public class ItSupport {

    public static final String TREE_LABEL = "io.github.kubemaven.tree";

    public static final String SECOND_ENGINE_FILE = "/var/lib/kube-maven-it/second-engine/env";
    public static final String CLUSTER_FILE = "/var/lib/kube-maven-it/cluster/env";
    /** Where scripts/test.sh says whether the cluster's binaries it builds in the background are there. */
    public static final String CLUSTER_SETUP_STATUS = "/var/lib/kube-maven-it/cluster-setup/status";

    private static final Pattern TREE_HASH = Pattern.compile("kube-mvn-(?:data-|build:build-)([0-9a-f]{10})-");

    private static final Pattern REREAD_BY_SHELL = Pattern.compile("[\"$`\\\\]");

    /** Copies the example tree into {@code target}, keeping file modes. */
    public void copyFixture(File fixture, File target) throws IOException {
        Path source = fixture.toPath();
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path destination = target.toPath().resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * Copies the example tree into {@code dir}, commits it (tagged when a tag is given) and removes what earlier
     * runs of the tests left for it: a tree as a new checkout would be.
     */
    public void freshTree(File fixture, File dir, String tag) throws IOException {
        copyFixture(fixture, dir);
        commitAll(dir, tag);
        forgetEarlierRuns(dir);
    }

    public void freshTree(File fixture, File dir) throws IOException {
        freshTree(fixture, dir, null);
    }

    /** Makes {@code dir} a git checkout with one commit at a fixed time, tagged when a tag is given. */
    public void commitAll(File dir, String tag) throws IOException {
        run(dir, List.of("git", "init", "-q", "-b", "main"));
        run(dir, List.of("git", "add", "-A"));
        run(dir, List.of("git", "-c", "user.name=it", "-c", "user.email=it@localhost", "commit", "-qm", "example tree",
                "--date=@1611000000"), Map.of("GIT_COMMITTER_DATE", "@1611000000"));
        if (tag != null && !tag.isEmpty()) {
            run(dir, List.of("git", "tag", tag));
        }
    }

    public void commitAll(File dir) throws IOException {
        commitAll(dir, null);
    }

    /** Runs a command, fails on a non-zero exit, returns its stdout. */
    public String run(File dir, List<String> command, Map<String, String> environment) throws IOException {
        Map<String, Object> result = runAllowingFailure(dir, command, environment);
        if (!Integer.valueOf(0).equals(result.get("exitCode"))) {
            throw new AssertionError(String.join(" ", command) + " failed with " + result.get("exitCode") + ": "
                    + result.get("output"));
        }
        return (String) result.get("output");
    }

    public String run(File dir, List<String> command) throws IOException {
        return run(dir, command, Map.of());
    }

    /** Runs a command and returns [exitCode, output], stdout and stderr together. */
    public Map<String, Object> runAllowingFailure(File dir, List<String> command, Map<String, String> environment)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + String.join(" ", command), e);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("exitCode", process.exitValue());
        result.put("output", output);
        return result;
    }

    public Map<String, Object> runAllowingFailure(File dir, List<String> command) throws IOException {
        return runAllowingFailure(dir, command, Map.of());
    }

    /**
     * Writes, in {@code dir}, the configuration of a registry (Debian's docker-registry, {@code docker-registry serve
     * FILE}) at {@code address} that lets {@code user} in with {@code password} alone and keeps its images in
     * {@code dir/registry-data}; returns the configuration file.
     */
    public File registryConfig(File dir, String address, String user, String password) throws IOException {
        File data = new File(dir, "registry-data");
        data.mkdirs();
        File htpasswd = new File(dir, "htpasswd");
        Files.writeString(htpasswd.toPath(), run(dir, List.of("htpasswd", "-Bbn", user, password)));
        File config = new File(dir, "registry.yml");
        Files.writeString(config.toPath(), String.join("\n",
                "version: 0.1",
                "log:",
                "  level: info",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + data.getPath(),
                "http:",
                "  addr: " + address,
                "auth:",
                "  htpasswd:",
                "    realm: kube-it",
                "    path: " + htpasswd.getPath(),
                ""));
        return config;
    }

    public String docker(String... arguments) throws IOException {
        return run(new File("."), concat(List.of("docker"), List.of(arguments))).trim();
    }

    /** Container names of a tree, optionally only running ones. */
    public List<String> containersOf(String treeHash, boolean runningOnly) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("ps", "--format", "{{.Names}}", "--filter",
                "label=" + TREE_LABEL + "=" + treeHash));
        if (!runningOnly) {
            arguments.add(1, "-a");
        }
        return nonEmptyLines(docker(arguments.toArray(new String[0])));
    }

    public List<String> containersOf(String treeHash) throws IOException {
        return containersOf(treeHash, false);
    }

    public List<String> imagesOf(String treeHash) throws IOException {
        return nonEmptyLines(docker("images", "--format", "{{.Repository}}:{{.Tag}}", "--filter",
                "label=" + TREE_LABEL + "=" + treeHash));
    }

    public List<String> volumesOf(String treeHash) throws IOException {
        return nonEmptyLines(docker("volume", "ls", "--format", "{{.Name}}", "--filter", "label=" + TREE_LABEL + "=" + treeHash));
    }

    /** The tree hash as the plugin computes it: md5 of host:canonical path:branch, ten hex digits. */
    public String expectedTreeHash(File tree) throws IOException {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isEmpty()) {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname"), java.nio.charset.Charset.defaultCharset()).trim();
        }
        String branch = ((String) runAllowingFailure(tree, List.of("git", "symbolic-ref", "--short", "-q", "HEAD"))
                .get("output")).trim();
        String input = host + ":" + tree.getCanonicalPath() + ":" + branch;
        return HexFormat.of().formatHex(digest("MD5", input.getBytes(StandardCharsets.UTF_8))).substring(0, 10);
    }

    /** Removes what earlier runs of the tests left for this tree, so a case starts from nothing on a reused machine. */
    public void forgetEarlierRuns(File tree) throws IOException {
        String hash = expectedTreeHash(tree);
        for (String container : containersOf(hash)) {
            docker("rm", "-f", "-v", container);
        }
        for (String volume : volumesOf(hash)) {
            docker("volume", "rm", volume);
        }
        for (String image : imagesOf(hash)) {
            docker("rmi", "-f", image);
        }
    }

    /** The tree hash the plugin logged, read from the build image's or data container's name. */
    public String treeHash(String log) {
        Matcher match = TREE_HASH.matcher(log);
        if (!match.find()) {
            throw new AssertionError("the log names no image or data container of the tree");
        }
        return match.group(1);
    }

    /**
     * The command line that runs this plugin's goal with the Maven and local repository the invoker gives the tests
     * ({@code -Dkube.it.mavenHome} names another Maven than the one running the build).
     */
    public List<String> mavenCommand(File localRepository, File settings, String goal, List<String> properties) {
        // Maven 4.0.0-rc-5's bin/mvn hands its arguments to eval inside double quotes: a quote, $, ` or backslash in one
        // would be read again by the shell; such a command goes into a script in the tree instead
        for (String property : properties) {
            if (REREAD_BY_SHELL.matcher(property).find()) {
                throw new AssertionError("no argument the launcher of Maven 4.0.0-rc-5 would read again: " + property);
            }
        }
        String mavenHome = System.getProperty("kube.it.mavenHome");
        if (mavenHome == null || mavenHome.isEmpty()) {
            mavenHome = System.getProperty("maven.home");
        }
        return concat(List.of(mavenHome + "/bin/mvn", "-B", "-s", settings.getPath(),
                "-Dmaven.repo.local=" + localRepository.getPath(), goal), properties);
    }

    /**
     * The Maven command for a run the test stops with SIGINT. A JVM whose SIGINT was ignored when it started (as a
     * background job of a non-interactive shell, and everything it starts, is) never runs its shutdown hooks on
     * Ctrl-C; env puts the default handling back, so the test does not depend on how its own process was started.
     */
    public List<String> interruptibleMavenCommand(File localRepository, File settings, String goal, List<String> properties) {
        return concat(List.of("env", "--default-signal=INT"), mavenCommand(localRepository, settings, goal, properties));
    }

    /** Runs Maven in {@code dir}, with {@code environment} added to this process's, and returns [exitCode, output]. */
    public Map<String, Object> maven(File dir, File localRepository, File settings, String goal, List<String> properties,
                                     Map<String, String> environment) throws IOException {
        return runAllowingFailure(dir, mavenCommand(localRepository, settings, goal, properties), environment);
    }

    public Map<String, Object> maven(File dir, File localRepository, File settings, String goal, List<String> properties)
            throws IOException {
        return maven(dir, localRepository, settings, goal, properties, Map.of());
    }

    public Map<String, Object> maven(File dir, File localRepository, File settings, String goal) throws IOException {
        return maven(dir, localRepository, settings, goal, List.of(), Map.of());
    }

    /**
     * Runs {@code mvn deploy -DskipTests} for linux/amd64 in {@code tree}, made for the run a Maven project of
     * packaging kube built by {@code plugin} (its pom ignored by git, so the tree stays a clean checkout whose version
     * stamp its tag gives), into a file repository under {@code dir}; checks that the repository holds every tarball
     * of the release byte for byte with Maven's SHA-1 (kubernetes.tar.gz as the main artifact, the others by their
     * classifier) and returns the classifiers. The log goes to dir/deploy.log.
     */
    public List<String> deployTree(File tree, File dir, File localRepository, File settings, String plugin, String artifactId)
            throws IOException {
        File pom = new File(tree, "pom.xml");
        makeKubeProject(pom, plugin, artifactId);
        try {
            File repository = new File(dir, "repo");
            run(dir, List.of("rm", "-rf", repository.getPath()));
            Map<String, Object> deploy = maven(tree, localRepository, settings, "deploy", List.of("-DskipTests",
                    "-Dkube.platforms=linux/amd64", "-DaltDeploymentRepository=it-repo::file://" + repository.getPath()));
            Files.writeString(new File(dir, "deploy.log").toPath(), (String) deploy.get("output"));
            if (!Integer.valueOf(0).equals(deploy.get("exitCode"))) {
                throw new AssertionError("mvn deploy failed: " + deploy.get("output"));
            }
            return checkDeployed(new File(repository, "it/kube/" + artifactId + "/1.0"), artifactId, new File(tree, "_output/release-tars"));
        } finally {
            Files.deleteIfExists(pom.toPath());
        }
    }

    private static void makeKubeProject(File pom, String plugin, String artifactId) throws IOException {
        String[] coordinates = plugin.split(":");
        Files.writeString(pom.toPath(), String.join("\n",
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">",
                "  <modelVersion>4.0.0</modelVersion>",
                "  <groupId>it.kube</groupId>",
                "  <artifactId>" + artifactId + "</artifactId>",
                "  <version>1.0</version>",
                "  <packaging>kube</packaging>",
                "  <build><plugins><plugin>",
                "    <groupId>" + coordinates[0] + "</groupId><artifactId>" + coordinates[1] + "</artifactId>",
                "    <version>" + coordinates[2] + "</version><extensions>true</extensions>",
                "  </plugin></plugins></build>",
                "</project>", ""));
        Path exclude = pom.toPath().resolveSibling(".git/info/exclude");
        Files.createDirectories(exclude.getParent());
        Files.writeString(exclude, "/pom.xml\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static List<String> checkDeployed(File deployed, String artifactId, File tars) throws IOException {
        List<String> classifiers = new ArrayList<>();
        File[] tarballs = tars.listFiles((dir, name) -> name.endsWith(".tar.gz"));
        if (tarballs == null || tarballs.length == 0) {
            throw new AssertionError(tars + " holds no tarball");
        }
        for (File tarball : tarballs) {
            String name = tarball.getName();
            String classifier = name.equals("kubernetes.tar.gz") ? "" : name.substring("kubernetes".length(), name.length() - ".tar.gz".length());
            File file = new File(deployed, artifactId + "-1.0" + classifier + ".tar.gz");
            if (!file.isFile() || !java.util.Arrays.equals(Files.readAllBytes(file.toPath()), Files.readAllBytes(tarball.toPath()))) {
                throw new AssertionError(file + " is not " + tarball + " byte for byte");
            }
            String sha1 = HexFormat.of().formatHex(digest("SHA-1", Files.readAllBytes(file.toPath())));
            if (!Files.readString(new File(deployed, file.getName() + ".sha1").toPath()).trim().equals(sha1)) {
                throw new AssertionError("Maven's SHA-1 of " + file.getName() + " is not " + sha1);
            }
            classifiers.add(classifier);
        }
        return classifiers.stream().sorted().toList();
    }

    /** What scripts/setup/second-engine.sh wrote about the engine in its own network namespace. */
    public Properties secondEngine() throws IOException {
        return setupRecord(new File(SECOND_ENGINE_FILE), "scripts/setup/second-engine.sh");
    }

    /** What a set-up script wrote for the tests. */
    private static Properties setupRecord(File file, String script) throws IOException {
        if (!file.isFile()) {
            throw new AssertionError(file + " is missing: scripts/test.sh runs " + script + " before the integration tests"
                    + " that need it");
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file.toPath())) {
            properties.load(in);
        }
        return properties;
    }

    /**
     * Starts the two-node cluster of scripts/setup/cluster.sh (in the project at {@code project}) and returns what it
     * wrote about it; when scripts/test.sh builds the cluster's binaries beside the other tests, waits for that first,
     * at most {@code minutes}.
     */
    public Properties startCluster(File project, int minutes) throws Exception {
        File status = new File(CLUSTER_SETUP_STATUS);
        if (status.getParentFile().isDirectory()) {
            waitFor(minutes * 60, status::isFile);
            String said = status.isFile() ? Files.readString(status.toPath()).trim() : "still building after " + minutes + " minutes";
            if (!said.equals("ready")) {
                throw new AssertionError("the cluster's binaries are not there: " + said);
            }
        }
        Map<String, Object> started = runAllowingFailure(project, List.of(new File(project, "scripts/setup/cluster.sh").getPath()));
        if (!Integer.valueOf(0).equals(started.get("exitCode"))) {
            throw new AssertionError("scripts/setup/cluster.sh failed: " + started.get("output"));
        }
        return cluster();
    }

    /** What scripts/setup/cluster.sh wrote about the two-node cluster it runs on this machine. */
    public Properties cluster() throws IOException {
        return setupRecord(new File(CLUSTER_FILE), "scripts/setup/cluster.sh");
    }

    /** kubectl on the cluster of {@link #cluster}. */
    public String kubectl(Properties cluster, String... arguments) throws IOException {
        return run(new File("."), concat(List.of(cluster.getProperty("CLUSTER_KUBECTL"), "--kubeconfig",
                cluster.getProperty("CLUSTER_KUBECONFIG")), List.of(arguments))).trim();
    }

    /** The pods and the runs' owner objects the plugin made that are still on the cluster, one name a line. */
    public List<String> clusterObjectsLeft(Properties cluster) throws IOException {
        return nonEmptyLines(kubectl(cluster, "get", "pods,configmaps", "--all-namespaces", "-l",
                "app.kubernetes.io/managed-by=kube-maven-plugin", "-o", "name"));
    }

    /** The docker CLI on the engine at {@code host} (a unix:// address). */
    public String dockerOn(String host, String... arguments) throws IOException {
        return run(new File("."), concat(List.of("docker", "-H", host), List.of(arguments))).trim();
    }

    /** Containers, volumes and images of a tree on the engine at {@code host}, one name a line. */
    public List<String> everythingOf(String host, String treeHash) throws IOException {
        String filter = "label=" + TREE_LABEL + "=" + treeHash;
        List<String> everything = new ArrayList<>();
        everything.addAll(lines(dockerOn(host, "ps", "-a", "--format", "container {{.Names}}", "--filter", filter)));
        everything.addAll(lines(dockerOn(host, "volume", "ls", "--format", "volume {{.Name}}", "--filter", filter)));
        everything.addAll(lines(dockerOn(host, "images", "--format", "image {{.Repository}}:{{.Tag}}", "--filter", filter)));
        return everything;
    }

    /**
     * Copies the example tree into {@code dir} as {@link #freshTree} does, and removes what earlier test runs left of
     * it on the second engine too; returns what scripts/setup/second-engine.sh wrote about that engine.
     */
    public Properties freshTreeOnBothEngines(File fixture, File dir) throws IOException {
        Properties second = secondEngine();
        freshTree(fixture, dir);
        forgetEarlierRunsOn(second.getProperty("SECOND_ENGINE_SOCKET"), dir);
        return second;
    }

    /** Removes what earlier test runs left of a tree on the engine at {@code host}. */
    public void forgetEarlierRunsOn(String host, File tree) throws IOException {
        String filter = "label=" + TREE_LABEL + "=" + expectedTreeHash(tree);
        for (String container : nonEmptyLines(dockerOn(host, "ps", "-aq", "--filter", filter))) {
            dockerOn(host, "rm", "-f", "-v", container);
        }
        for (String volume : nonEmptyLines(dockerOn(host, "volume", "ls", "-q", "--filter", filter))) {
            dockerOn(host, "volume", "rm", volume);
        }
        for (String image : nonEmptyLines(dockerOn(host, "images", "-q", "--filter", filter)).stream().distinct().toList()) {
            dockerOn(host, "rmi", "-f", image);
        }
    }

    public String sha256(File file) throws IOException {
        return HexFormat.of().formatHex(digest("SHA-256", Files.readAllBytes(file.toPath())));
    }

    /** The ELF machine of a binary: 62 for x86-64, 183 for aarch64. */
    public int elfMachine(File binary) throws IOException {
        byte[] header = new byte[20];
        try (InputStream in = Files.newInputStream(binary.toPath())) {
            in.read(header);
        }
        if (header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F') {
            throw new AssertionError(binary + " is no ELF file");
        }
        return (header[18] & 0xff) | ((header[19] & 0xff) << 8);
    }

    /** Waits until {@code condition} (a Groovy closure) holds, for at most {@code seconds}. */
    public boolean waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.call())) {
                return true;
            }
            Thread.sleep(250);
        }
        return Boolean.TRUE.equals(condition.call());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<String> lines(String text) {
        return text.lines().collect(Collectors.toCollection(ArrayList::new));
    }

    private static List<String> nonEmptyLines(String text) {
        return text.lines().filter(line -> !line.isEmpty()).collect(Collectors.toCollection(ArrayList::new));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
