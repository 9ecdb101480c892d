package io.github.kubemaven.release;

import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.engine.ImageBuild;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.CredentialRedaction;
import io.github.kubemaven.ground.LinkFreePaths;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Makes the docker calls of a tree's release scripts through the Engine API, for a machine with no docker command:
 * reads each with {@link DockerCommandLine} and does what the docker CLI would. Archives are written only under the
 * tree's {@code _output/}, never through a link; build contexts are sent as {@link ContextArchive} makes them.
 */
public final class EngineDockerCommands implements Function<DockerCallRelay.Call, DockerCallRelay.Answer> {

    private final Path root;
    private final DockerEngine engine;
    private final BuildLog log;

    public EngineDockerCommands(Path root, DockerEngine engine, BuildLog log) {
        this.root = root;
        this.engine = engine;
        this.log = log;
    }

    @Override
    public DockerCallRelay.Answer apply(DockerCallRelay.Call call) {
        DockerCommandLine.Command command = DockerCommandLine.parse(call.arguments());
        if (!(command instanceof DockerCommandLine.Nothing)) {
            log.info("Through the Engine API: " + CredentialRedaction.redact("docker " + String.join(" ", call.arguments())));
        }
        Path folder = call.workingFolder().isAbsolute() ? call.workingFolder() : root;
        if (command instanceof DockerCommandLine.Build build) {
            return build(build, folder);
        }
        if (command instanceof DockerCommandLine.Save save) {
            return save(save, folder);
        }
        if (command instanceof DockerCommandLine.Tag tag) {
            return tag(tag);
        }
        if (command instanceof DockerCommandLine.Remove remove) {
            return remove(remove);
        }
        return DockerCallRelay.Answer.ok(((DockerCommandLine.Nothing) command).output());
    }

    private DockerCallRelay.Answer build(DockerCommandLine.Build build, Path folder) {
        ContextArchive context = ContextArchive.write(folder.resolve(build.context()),
                build.dockerfile() == null ? null : folder.resolve(build.dockerfile()));
        Path archive = build.archive() == null ? null : ReleasePackager.insideOutput(root, folder.resolve(build.archive()));
        List<String> progress = new ArrayList<>();
        String id;
        try {
            id = engine.buildImage(new ImageBuild(context.file(), context.dockerfile(), build.tags(), build.buildArguments(),
                    build.labels(), build.target(), build.pull()), progress::add);
        } finally {
            context.delete();
        }
        try {
            if (archive != null) {
                LinkFreePaths.writeAtomically(root, archive, out -> engine.saveImages(build.tags(), out));
            }
        } finally {
            if (!build.keep()) {
                if (build.tags().isEmpty()) {
                    engine.removeImage(id);
                }
                build.tags().forEach(engine::removeImage);
            }
        }
        return DockerCallRelay.Answer.ok(build.quiet() ? List.of(id) : progress);
    }

    private DockerCallRelay.Answer save(DockerCommandLine.Save save, Path folder) {
        Path file = ReleasePackager.insideOutput(root, folder.resolve(save.file()));
        for (String reference : save.references()) {
            if (engine.inspectImage(reference).isEmpty()) {
                return DockerCallRelay.Answer.failed("Error response from daemon: reference does not exist: " + reference);
            }
        }
        LinkFreePaths.writeAtomically(root, file, out -> engine.saveImages(save.references(), out));
        return DockerCallRelay.Answer.ok(List.of());
    }

    private DockerCallRelay.Answer tag(DockerCommandLine.Tag tag) {
        if (engine.inspectImage(tag.source()).isEmpty()) {
            return DockerCallRelay.Answer.failed("Error response from daemon: No such image: " + tag.source());
        }
        engine.tagImage(tag.source(), tag.target());
        return DockerCallRelay.Answer.ok(List.of());
    }

    private DockerCallRelay.Answer remove(DockerCommandLine.Remove remove) {
        List<String> removed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String reference : remove.references()) {
            if (engine.inspectImage(reference).isEmpty()) {
                missing.add("Error: No such image: " + reference);
            } else {
                engine.removeImage(reference);
                removed.add("Untagged: " + reference);
            }
        }
        return new DockerCallRelay.Answer(missing.isEmpty() ? 0 : 1, removed, missing);
    }
}
