package io.github.kubemaven.image;

import io.github.kubemaven.config.ImageRegistry;
import io.github.kubemaven.config.RegistryCredentials;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.CredentialRedaction;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.Progress;
import io.github.kubemaven.naming.BuildNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes sure the cross image is there and the build image is current, building it only when its context changed.
 */
public final class ImageSupplier {

    public static final String FINGERPRINT_LABEL = BuildNames.LABEL_PREFIX + "context";

    private final DockerEngine engine;
    private final RegistryCredentials credentials;
    private final ImageRegistry imageRegistry;
    private final BuildLog log;

    /**
     * @param credentials   the login for the images it pulls, or null to pull without one
     * @param imageRegistry where the build image of a context is pulled from before it is built, and pushed to after,
     *                      or null to build it on this engine alone
     */
    public ImageSupplier(DockerEngine engine, RegistryCredentials credentials, ImageRegistry imageRegistry, BuildLog log) {
        this.credentials = credentials;
        this.engine = engine;
        this.imageRegistry = imageRegistry;
        this.log = log;
    }

    /**
     * Returns the cross image's id, pulling it first when the engine lacks it and pulling is allowed.
     */
    public String ensureCrossImage(String reference, boolean offline) {
        return ensureImage(reference, "cross image", offline, Hints.provideCrossImage(reference));
    }

    /**
     * Returns the id of {@code reference}, pulling it first when the engine lacks it and pulling is allowed.
     *
     * @param what    what the image is for, as the messages name it
     * @param provide how the user can make the image available, for the message when it is not
     */
    public String ensureImage(String reference, String what, boolean offline, String provide) {
        Optional<ImageInfo> present = engine.inspectImage(reference);
        if (present.isPresent()) {
            return present.get().id();
        }
        if (offline) {
            throw new KubeBuildException("The " + what + " " + reference + " is not in the Docker engine, and Maven is offline (-o), so it is not pulled.", provide);
        }
        RegistryCredentials login = engine.receivesCredentials() ? credentials : null;
        log.info("Pulling " + what + " " + reference + (login != null ? " as " + login.username()
                + " (settings.xml server " + login.serverId() + ")" : ""));
        try {
            try (Progress progress = log.progress("pull")) {
                engine.pullImage(reference, login, line -> {
                    progress.latestLine(line);
                    log.info("  " + line);
                });
            }
        } catch (KubeBuildException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KubeBuildException("The " + what + " " + reference + " is not in the Docker engine and could not be pulled: "
                    + firstLine(e), provide, e);
        }
        return engine.inspectImage(reference).map(ImageInfo::id)
                .orElseThrow(() -> new KubeBuildException("The " + what + " " + reference + " did not arrive.", provide));
    }

    /** Whether the engine has the build image, built from {@code context}; says so when it has. */
    public boolean isCurrent(BuildNames names, BuildContext context) {
        Optional<ImageInfo> existing = engine.inspectImage(names.image());
        if (existing.isPresent() && context.fingerprint().equals(existing.get().labels().get(FINGERPRINT_LABEL))) {
            log.info("Build image " + names.image() + " is up to date");
            return true;
        }
        return false;
    }

    /**
     * Builds the build image from {@code context} unless an image of that name was already built from the same
     * context, or the image registry has the image of that context; pushes what it built to the image registry.
     *
     * @param labels what the image is labelled with beside the tree's labels and its context's fingerprint
     * @return true when the image was built or pulled, false when the existing one was reused
     */
    public boolean ensureBuildImage(BuildNames names, BuildContext context, Map<String, String> buildArguments, Map<String, String> labels) {
        if (isCurrent(names, context)) {
            return false;
        }
        if (imageRegistry != null && pulledFromRegistry(names, context, labels)) {
            return true;
        }
        build(names, context, buildArguments, labels);
        if (imageRegistry == null) {
            return true;
        }
        if (buildArguments.values().stream().anyMatch(value -> !CredentialRedaction.redact(value).equals(value))) {
            log.warn("The build image is not pushed to kube.registry: a build argument holds a login (a proxy's), which a "
                    + "Dockerfile that declares it keeps in the image's history");
        } else {
            pushToRegistry(names, context);
        }
        return true;
    }

    /**
     * Pulls the image of {@code context} from the image registry and makes the build image from it, labelled as this
     * tree's; false when the registry does not have it, or has an image under its name that was not built from it.
     */
    private boolean pulledFromRegistry(BuildNames names, BuildContext context, Map<String, String> labels) {
        String shared = imageRegistry.buildImage(context.fingerprint());
        try (Progress progress = log.progress("pull")) {
            engine.pullImage(shared, login(), progress::latestLine);
        } catch (KubeBuildException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!absent(e)) {
                throw registryFailure("pulled from", shared, e);
            }
            log.info("The registry of kube.registry has no build image of this context yet (" + shared + ")");
            return false;
        }
        // the shared name is the engine's, not this tree's: another tree may take it away at any moment
        String own = "kube-mvn-pulled:" + UUID.randomUUID();
        Optional<ImageInfo> pulled = engine.inspectImage(shared);
        try {
            if (pulled.isEmpty() || !context.fingerprint().equals(pulled.get().labels().get(FINGERPRINT_LABEL))) {
                log.warn("The image " + shared + " of kube.registry was not built from this build context; building it here");
                return false;
            }
            engine.tagImage(pulled.get().id(), own);
            relabel(own, names, labelsOf(names, context, labels));
            log.info("Build image " + names.image() + " pulled from " + shared);
            return true;
        } finally {
            engine.removeImage(shared);
            engine.removeImage(own);
        }
    }

    /** Builds the build image on top of {@code base} with {@code labels}, this tree's: the labels of a pulled image are its builder's. */
    private void relabel(String base, BuildNames names, Map<String, String> labels) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("kube-mvn-relabel");
            Files.writeString(folder.resolve("Dockerfile"), "FROM " + base + "\n");
            engine.buildImage(folder, names.image(), Map.of(), labels, line -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (folder != null) {
                try {
                    Files.deleteIfExists(folder.resolve("Dockerfile"));
                    Files.deleteIfExists(folder);
                } catch (IOException e) {
                    // a folder of the temporary directory, which the system clears
                }
            }
        }
    }

    /** Pushes the build image just built; a push that fails leaves the image to this engine alone, and says so. */
    private void pushToRegistry(BuildNames names, BuildContext context) {
        String shared = imageRegistry.buildImage(context.fingerprint());
        RegistryCredentials login = login();
        log.info("Pushing build image " + names.image() + " to " + shared + (login != null ? " as " + login.username()
                + " (settings.xml server " + login.serverId() + ")" : ""));
        engine.tagImage(names.image(), shared);
        try (Progress progress = log.progress("push")) {
            engine.pushImage(shared, login, progress::latestLine);
        } catch (KubeBuildException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn(registryFailure("pushed to", shared, e).getMessage() + "; the other engines build it themselves");
        } finally {
            engine.removeImage(shared);
        }
    }

    /** The image registry's login, where the engine may be given one. */
    private RegistryCredentials login() {
        return engine.receivesCredentials() ? imageRegistry.login() : null;
    }

    /** Whether a pull failed because the registry does not have the image (rather than refusing or not answering). */
    static boolean absent(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("manifest unknown") || message.contains("name unknown") || message.contains("not found")
                    || message.contains("repository does not exist")) {
                return true;
            }
            if (message.contains("unauthorized") || message.contains("denied") || message.contains("no basic auth")) {
                return false;
            }
        }
        return false;
    }

    private KubeBuildException registryFailure(String how, String reference, RuntimeException e) {
        String said = firstLine(e);
        Matcher answer = ENGINE_ANSWER.matcher(said);
        return new KubeBuildException("The build image " + reference + " could not be " + how + " the registry of kube.registry: "
                + (answer.matches() ? answer.group(1).replace("\\\"", "\"") : said), Hints.IMAGE_REGISTRY_LOGIN, e);
    }

    /** The engine's answer as the client reports it: {@code Status 500: {"message":"..."}}. */
    private static final Pattern ENGINE_ANSWER = Pattern.compile("Status \\d{3}: \\{\"message\":\"(.*)\"}\\s*");

    private void build(BuildNames names, BuildContext context, Map<String, String> buildArguments, Map<String, String> extraLabels) {
        log.info("Building Docker image " + names.image());
        try (Progress progress = log.progress("image")) {
            engine.buildImage(context.directory(), names.image(), buildArguments, labelsOf(names, context, extraLabels), line -> {
                String shown = CredentialRedaction.redact(line);
                progress.latestLine(shown);
                log.info("  " + shown);
            });
        } catch (RuntimeException e) {
            throw new KubeBuildException("Docker could not build " + names.image() + ": " + firstLine(e),
                    Hints.buildImage(context.directory()), e);
        }
    }

    /** The build image's labels: the tree's, its context's fingerprint, and {@code extra}. */
    private static Map<String, String> labelsOf(BuildNames names, BuildContext context, Map<String, String> extra) {
        Map<String, String> labels = new LinkedHashMap<>(names.labels("image"));
        labels.put(FINGERPRINT_LABEL, context.fingerprint());
        labels.putAll(extra);
        return labels;
    }

    /** The first line of a failure's message, URL credentials hidden: the engine may quote a build argument. */
    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return CredentialRedaction.redact(message.lines().findFirst().orElse(message));
    }
}
