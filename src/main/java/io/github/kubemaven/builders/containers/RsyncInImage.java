package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.ContainerReaper;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.LinkFreePaths;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.naming.BuildNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an image holds rsync, which the data, rsync and seed containers run: kube-cross images up to Kubernetes 1.3x
 * do, and today's need not. Asked once per image id, in a container that ends at once, and remembered in the tree's
 * output folder; the build images made from a cross image carry the answer for it ({@link #answerLabel}), so that
 * another checkout's first run reads it from the engine.
 */
final class RsyncInImage {

    private static final String ANSWER = "rsync-found";

    private RsyncInImage() {
    }

    static boolean present(DockerEngine engine, ContainerReaper reaper, BuildNames names, String image, Path root, BuildLog log) {
        String id = engine.inspectImage(image).map(ImageInfo::id).orElse(image);
        Path remembered = root.resolve(OutputFolder.PLUGIN_FOLDER).resolve("images")
                .resolve("rsync-in-" + id.replaceFirst("^sha256:", "").replaceAll("[^A-Za-z0-9_.-]", "_"));
        try {
            if (Files.isRegularFile(LinkFreePaths.requireNoLink(remembered))) {
                return Boolean.parseBoolean(Files.readString(remembered, StandardCharsets.UTF_8).strip());
            }
            Optional<Boolean> labelled = labelledOn(engine, id);
            if (labelled.isPresent()) {
                log.debug("The image " + image + (labelled.get() ? " holds" : " does not hold") + " rsync, as the build images made from it say");
                remember(remembered, labelled.get());
                return labelled.get();
            }
            List<String> lines = new ArrayList<>();
            OneShotContainer.run(engine, reaper, ContainerSpec.builder(names.dataContainer() + "-rsync-probe", image)
                            .labels(names.labels("probe"))
                            .command(List.of("sh", "-c", "if command -v rsync >/dev/null 2>&1; then echo " + ANSWER + "; fi"))
                            .build(),
                    "The image " + image + " could not be asked whether it holds rsync", Hints.DATA_CONTAINER, lines::add);
            boolean found = lines.stream().anyMatch(line -> line.strip().equals(ANSWER));
            log.debug("The image " + image + (found ? " holds" : " does not hold") + " rsync");
            remember(remembered, found);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The label a build image made from the image {@code imageId} carries to say whether that image holds rsync. */
    static Map<String, String> answerLabel(String imageId, boolean found) {
        return Map.of(labelKey(imageId), Boolean.toString(found));
    }

    /** What the build images made from the image {@code imageId} say of it, when one does. */
    private static Optional<Boolean> labelledOn(DockerEngine engine, String imageId) {
        for (boolean answer : new boolean[] {true, false}) {
            if (!engine.listImages(answerLabel(imageId, answer)).isEmpty()) {
                return Optional.of(answer);
            }
        }
        return Optional.empty();
    }

    private static String labelKey(String imageId) {
        return BuildNames.LABEL_PREFIX + "rsync-in." + imageId.replaceFirst("^sha256:", "").replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static void remember(Path remembered, boolean found) throws IOException {
        LinkFreePaths.createFolders(remembered.getParent());
        OutputFolder.writeAtomically(remembered, out -> out.write(Boolean.toString(found).getBytes(StandardCharsets.UTF_8)));
    }
}
