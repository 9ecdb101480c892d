package io.github.kubemaven.image;

import io.github.kubemaven.config.RegistryCredentials;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.CredentialRedaction;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.Progress;
import io.github.kubemaven.naming.BuildNames;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes sure the cross image is there and the build image is current, building it only when its context changed.
 */
public final class ImageSupplier {

    public static final String FINGERPRINT_LABEL = BuildNames.LABEL_PREFIX + "context";

    private final DockerEngine engine;
    private final RegistryCredentials credentials;
    private final BuildLog log;

    /**
     * @param credentials the login for the images it pulls, or null to pull without one
     */
    public ImageSupplier(DockerEngine engine, RegistryCredentials credentials, BuildLog log) {
        this.credentials = credentials;
        this.engine = engine;
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
     * context.
     *
     * @return true when the image was built, false when the existing one was reused
     */
    public boolean ensureBuildImage(BuildNames names, BuildContext context, Map<String, String> buildArguments) {
        if (isCurrent(names, context)) {
            return false;
        }
        log.info("Building Docker image " + names.image());
        Map<String, String> labels = new LinkedHashMap<>(names.labels("image"));
        labels.put(FINGERPRINT_LABEL, context.fingerprint());
        try (Progress progress = log.progress("image")) {
            engine.buildImage(context.directory(), names.image(), buildArguments, labels, line -> {
                String shown = CredentialRedaction.redact(line);
                progress.latestLine(shown);
                log.info("  " + shown);
            });
        } catch (RuntimeException e) {
            throw new KubeBuildException("Docker could not build " + names.image() + ": " + firstLine(e),
                    Hints.buildImage(context.directory()), e);
        }
        return true;
    }

    /** The first line of a failure's message, URL credentials hidden: the engine may quote a build argument. */
    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return CredentialRedaction.redact(message.lines().findFirst().orElse(message));
    }
}
