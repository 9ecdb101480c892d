package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.ContainerReaper;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.LinkFreePaths;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.naming.BuildNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image that adds this machine's rsync to one without it (today's kube-cross need not hold rsync), for the data,
 * rsync and seed containers. The binary comes with the libraries it links and its own loader and runs through that
 * loader, so the base image's C library does not matter; an engine of another architecture cannot run it, which a
 * trial run finds before any file moves. The image is named by what it is made of, so every tree on the same base
 * shares it.
 */
final class HostRsyncImage {

    static final String REPOSITORY = "kube-mvn-rsync";
    static final String ROLE = "rsync-image";
    static final String FOLDER = "/opt/kube-maven-rsync";
    /**
     * The program the rsync processes of this image show in {@code /proc/PID/exe}, for the daemon script, which tells
     * rsync's processes from others by it: the loader, not the rsync binary.
     */
    static final String PROCESS_VARIABLE = "KUBE_MVN_RSYNC_PROCESS";
    private static final String LOADER = "ld.so";
    private static final Pattern LIBRARY = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");
    private static final Pattern INTERPRETER = Pattern.compile("^\\s*(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");

    /** One file of the image's context: its name there, where it comes from on this machine (or its text), its mode. */
    record ContextFile(String name, Path source, String text, String mode) {

        byte[] content() throws IOException {
            return text != null ? text.getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(source);
        }
    }

    private final DockerEngine engine;
    private final ContainerReaper reaper;
    private final BuildNames names;
    private final Path workFolder;
    private final BuildLog log;

    /**
     * @param workFolder where the image's context is written while it builds (a folder of the tree's output)
     */
    HostRsyncImage(DockerEngine engine, ContainerReaper reaper, BuildNames names, Path workFolder, BuildLog log) {
        this.engine = engine;
        this.reaper = reaper;
        this.names = names;
        this.workFolder = workFolder;
        this.log = log;
    }

    /**
     * The image adding this machine's rsync to {@code base}, built and tried when the engine does not have it yet.
     *
     * @throws KubeBuildException when this machine has no rsync, or its rsync does not run there
     */
    String ensure(String base) {
        String baseId = engine.inspectImage(base).map(ImageInfo::id)
                .orElseThrow(() -> new KubeBuildException("The image " + base + " is not in the Docker engine at " + engine.endpoint() + ".",
                        Hints.provideCrossImage(base)));
        List<ContextFile> files = contextOf(baseId, hostRsync());
        String tag = REPOSITORY + ":" + fingerprint(files);
        if (engine.inspectImage(tag).isPresent()) {
            return tag;
        }
        log.info("Building " + tag + ": " + base + " with this machine's rsync added");
        Path context = writeContext(files);
        try {
            engine.buildImage(context, tag, Map.of(), Map.of(BuildNames.ROLE_LABEL, ROLE), log::debug);
        } catch (RuntimeException e) {
            throw new KubeBuildException("The Docker engine at " + engine.endpoint() + " could not build " + tag + " (" + base
                    + " with this machine's rsync): " + firstLine(e), Hints.NO_RSYNC_IN_IMAGE, e);
        } finally {
            OutputFolder.deleteTree(context);
        }
        try {
            tryOut(tag, base);
        } catch (RuntimeException e) {
            engine.removeImage(tag);
            throw e;
        }
        return tag;
    }

    private void tryOut(String tag, String base) {
        List<String> lines = new ArrayList<>();
        OneShotContainer.run(engine, reaper, ContainerSpec.builder(names.dataContainer() + "-rsync-trial", tag)
                        .labels(names.labels("probe"))
                        .command(List.of("rsync", "--version"))
                        .build(),
                "This machine's rsync does not run in " + base + " on the Docker engine at " + engine.endpoint()
                        + " (an engine of another architecture cannot run it)", Hints.NO_RSYNC_IN_IMAGE, lines::add);
        if (lines.stream().noneMatch(line -> line.startsWith("rsync "))) {
            throw new KubeBuildException("This machine's rsync, added to " + base + ", does not say its version on the Docker engine at "
                    + engine.endpoint() + ": " + String.join(" / ", lines), Hints.NO_RSYNC_IN_IMAGE);
        }
    }

    /** The context's files: the Dockerfile, the rsync command, and the binary with its loader and libraries. */
    static List<ContextFile> contextOf(String baseId, Path rsync) {
        List<ContextFile> files = new ArrayList<>();
        files.add(new ContextFile("Dockerfile", null, String.join("\n",
                "FROM " + baseId,
                "COPY kube-maven-rsync/ " + FOLDER + "/",
                "COPY rsync /usr/bin/rsync",
                "ENV " + PROCESS_VARIABLE + "=" + FOLDER + "/" + LOADER,
                ""), "rw-r--r--"));
        Map<String, Path> libraries = new LinkedHashMap<>();
        Optional<Path> loader = linkedLibraries(rsync, libraries);
        files.add(new ContextFile("kube-maven-rsync/rsync", rsync, null, "rwxr-xr-x"));
        libraries.forEach((soname, file) -> files.add(new ContextFile("kube-maven-rsync/lib/" + soname, file, null, "rw-r--r--")));
        String run;
        if (loader.isPresent()) {
            files.add(new ContextFile("kube-maven-rsync/" + LOADER, loader.get(), null, "rwxr-xr-x"));
            run = FOLDER + "/" + LOADER + " --library-path " + FOLDER + "/lib " + FOLDER + "/rsync";
        } else {
            run = FOLDER + "/rsync";
        }
        files.add(new ContextFile("rsync", null, "#!/bin/sh\nexec " + run + " \"$@\"\n", "rwxr-xr-x"));
        return files;
    }

    /**
     * Fills {@code libraries} (soname to file) with what {@code ldd} says the binary links.
     *
     * @return the loader the binary names, or empty for a static binary
     */
    private static Optional<Path> linkedLibraries(Path binary, Map<String, Path> libraries) {
        HostProcess.Result ldd = HostProcess.of("ldd", binary.toString()).capture();
        if (!ldd.succeeded()) {
            if ((ldd.stdout() + ldd.stderr()).contains("not a dynamic executable")) {
                return Optional.empty();
            }
            throw new KubeBuildException("ldd could not list the libraries of this machine's rsync (" + binary + "): "
                    + firstLine(ldd.stderr().isBlank() ? ldd.stdout() : ldd.stderr()), Hints.NO_RSYNC_IN_IMAGE);
        }
        return parseLdd(ldd.stdout(), libraries);
    }

    static Optional<Path> parseLdd(String output, Map<String, Path> libraries) {
        Path loader = null;
        for (String line : output.lines().toList()) {
            Matcher library = LIBRARY.matcher(line);
            Matcher interpreter = INTERPRETER.matcher(line);
            if (library.matches()) {
                libraries.put(library.group(1), realPath(Path.of(library.group(2))));
            } else if (interpreter.matches()) {
                loader = realPath(Path.of(interpreter.group(1)));
            } else if (line.contains("not found")) {
                throw new KubeBuildException("This machine's rsync misses a library: " + line.strip(), Hints.NO_RSYNC_IN_IMAGE);
            }
        }
        if (loader == null && !libraries.isEmpty()) {
            throw new KubeBuildException("ldd names no loader for this machine's rsync.", Hints.NO_RSYNC_IN_IMAGE);
        }
        return Optional.ofNullable(loader);
    }

    /** The rsync on this machine's PATH, its links resolved. */
    private static Path hostRsync() {
        return HostProcess.findOnPath("rsync", System.getenv("PATH")).map(HostRsyncImage::realPath)
                .orElseThrow(() -> new KubeBuildException("The cross image has no rsync, and neither has this machine, so there is "
                        + "none to add to it.", Hints.NO_RSYNC_IN_IMAGE));
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fingerprint(List<ContextFile> files) {
        MessageDigest digest = Hashing.digest("SHA-256");
        try {
            for (ContextFile file : files) {
                Hashing.update(digest, file.name() + " " + file.mode(), file.content());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Hashing.hex(digest).substring(0, 16);
    }

    private Path writeContext(List<ContextFile> files) {
        try {
            Path context = Files.createTempDirectory(LinkFreePaths.createFolders(workFolder), "rsync-image-");
            for (ContextFile file : files) {
                Path target = context.resolve(file.name());
                LinkFreePaths.createFolders(context, target.getParent());
                LinkFreePaths.writeAtomically(context, target, out -> out.write(file.content()));
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(file.mode()));
            }
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(Throwable e) {
        return firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse(text);
    }
}
