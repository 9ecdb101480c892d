package io.github.kubemaven.release;

import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.engine.ImageBuild;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.RecordingLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The docker command the release scripts find on a machine without one: real scripts, whose docker calls reach the
 * plugin through {@link DockerCallRelay}; the engine is a recording fake.
 */
class ReleasePackagerDockerCallsTest {

    @TempDir
    Path root;

    @TempDir
    Path elsewhere;

    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final RecordingLog log = new RecordingLog();

    private void treeWhoseServerPackagingRuns(String commands) throws IOException {
        Files.createDirectories(root.resolve("build/lib"));
        Files.writeString(root.resolve("build/common.sh"), """
                LOCAL_OUTPUT_ROOT="${KUBE_ROOT}/_output"
                kube::build::ensure_tar() { TAR=tar; }
                kube::version::get_version_vars() { :; }
                """);
        Files.writeString(root.resolve("build/lib/release.sh"), """
                RELEASE_STAGE="${LOCAL_OUTPUT_ROOT}/release-stage"
                RELEASE_TARS="${LOCAL_OUTPUT_ROOT}/release-tars"
                kube::release::package_server_tarballs() {
                  local bin="${RELEASE_STAGE}/server/linux-amd64/kubernetes/server/bin"
                  mkdir -p "${bin}"
                %s
                  kube::release::create_tarball "${RELEASE_TARS}/kubernetes-server-linux-amd64.tar.gz" "${bin}/../../.."
                }
                """.formatted(commands.indent(2)));
    }

    private List<ReleaseTarball> packageServer() {
        return new ReleasePackager(root, log).withDockerCalls(new EngineDockerCommands(root, engine, log))
                .packageRelease(0, Map.of("KUBE_MVN_SERVER_IMAGES", "y"), Set.of(), Set.of("server"), null);
    }

    private Path staged(String name) {
        return root.resolve("_output/release-stage/server/linux-amd64/kubernetes/server/bin").resolve(name);
    }

    @Test
    void theCallsOfKubernetes120BuildSaveTagAndRemoveThroughTheEngine() throws IOException {
        treeWhoseServerPackagingRuns("""
                context="$(mktemp -d)"
                printf 'FROM base:1\\nCOPY kube-apiserver /usr/local/bin/\\n' > "${context}/Dockerfile"
                echo binary > "${context}/kube-apiserver"
                docker build -q -t k8s.gcr.io/kube-apiserver-amd64:v1.20.2 "${context}" > "${bin}/built-id"
                (cd "${bin}" && docker save -o kube-apiserver.tar k8s.gcr.io/kube-apiserver-amd64:v1.20.2 >/dev/null 2>&1)
                for name in a b c; do docker tag k8s.gcr.io/kube-apiserver-amd64:v1.20.2 "example/${name}:1" & done
                wait
                docker rmi k8s.gcr.io/kube-apiserver-amd64:v1.20.2 >/dev/null
                docker rmi example/missing:1 2>"${bin}/missing" || echo "exit code $?" >> "${bin}/missing"
                docker buildx version > "${bin}/buildx"
                rm -rf "${context}"
                """);

        packageServer();

        assertThat(engine.imageBuilds).hasSize(1);
        ImageBuild build = engine.imageBuilds.get(0);
        assertThat(build.tags()).containsExactly("k8s.gcr.io/kube-apiserver-amd64:v1.20.2");
        assertThat(build.dockerfile()).isEqualTo("Dockerfile");
        assertThat(build.pull()).isFalse();
        assertThat(build.contextArchive()).as("the context's archive is deleted").doesNotExist();
        assertThat(Files.readString(staged("built-id")).strip()).isEqualTo("sha256:built1");
        assertThat(Files.readString(staged("kube-apiserver.tar"))).isEqualTo("saved k8s.gcr.io/kube-apiserver-amd64:v1.20.2\n");
        assertThat(engine.operations).contains("saveImages k8s.gcr.io/kube-apiserver-amd64:v1.20.2",
                "tagImage k8s.gcr.io/kube-apiserver-amd64:v1.20.2 example/a:1", "tagImage k8s.gcr.io/kube-apiserver-amd64:v1.20.2 example/b:1",
                "tagImage k8s.gcr.io/kube-apiserver-amd64:v1.20.2 example/c:1", "removeImage k8s.gcr.io/kube-apiserver-amd64:v1.20.2");
        assertThat(engine.images).doesNotContainKey("k8s.gcr.io/kube-apiserver-amd64:v1.20.2");
        assertThat(Files.readString(staged("missing"))).isEqualTo("Error: No such image: example/missing:1\nexit code 1\n");
        assertThat(Files.readString(staged("buildx"))).contains("Engine API");
        assertThat(log.lines()).anyMatch(line -> line.startsWith(
                "Through the Engine API: docker build -q -t k8s.gcr.io/kube-apiserver-amd64:v1.20.2 /"));
        assertThat(log.lines()).noneMatch(line -> line.contains("buildx version"));
    }

    @Test
    void aBuildxBuildToAnArchiveLeavesTheArchiveAndNoImage() throws IOException {
        Files.createDirectories(root.resolve("build/server-image"));
        Files.writeString(root.resolve("build/server-image/Dockerfile"), "ARG BASEIMAGE\nFROM ${BASEIMAGE}\n");
        treeWhoseServerPackagingRuns("""
                docker buildx create --name img-builder --use >/dev/null
                docker buildx inspect --bootstrap >/dev/null
                mkdir -p "${bin}/kube-proxy.dockerbuild"
                echo binary > "${bin}/kube-proxy.dockerbuild/kube-proxy"
                docker buildx build -q -f "${KUBE_ROOT}/build/server-image/Dockerfile" --platform linux/amd64 \\
                  --output "type=docker,dest=${bin}/kube-proxy.tar" -t registry.k8s.io/kube-proxy-amd64:v1.33.0 \\
                  --build-arg BASEIMAGE=base:1 --build-arg BINARY=kube-proxy "${bin}/kube-proxy.dockerbuild" >/dev/null
                rm -rf "${bin}/kube-proxy.dockerbuild"
                docker buildx rm img-builder
                """);

        packageServer();

        ImageBuild build = engine.imageBuilds.get(0);
        assertThat(build.dockerfile()).isEqualTo(ContextArchive.OUTSIDE_DOCKERFILE);
        assertThat(build.buildArguments()).isEqualTo(Map.of("BASEIMAGE", "base:1", "BINARY", "kube-proxy"));
        assertThat(Files.readString(staged("kube-proxy.tar"))).isEqualTo("saved registry.k8s.io/kube-proxy-amd64:v1.33.0\n");
        assertThat(engine.images).isEmpty();
        assertThat(log.lines()).noneMatch(line -> line.contains("docker buildx create"));
    }

    @Test
    void anArchiveOutsideTheOutputFolderIsRefused() throws IOException {
        engine.images.put("example/a:1", new io.github.kubemaven.engine.ImageInfo("sha256:a", Map.of()));
        treeWhoseServerPackagingRuns("docker save -o " + elsewhere.resolve("a.tar") + " example/a:1");

        assertThatThrownBy(this::packageServer)
                .isInstanceOf(KubeBuildException.class)
                .hasMessageContaining(elsewhere.resolve("a.tar").toString())
                .hasMessageContaining("outside " + root.resolve("_output"));
        assertThat(elsewhere.resolve("a.tar")).doesNotExist();
        assertThat(engine.operations).noneMatch(operation -> operation.startsWith("saveImages"));
    }

    @Test
    void aCallTheEngineDoesNotMakeFailsNamingIt() throws IOException {
        treeWhoseServerPackagingRuns("docker inspect example/a:1 >/dev/null 2>&1");

        assertThatThrownBy(this::packageServer)
                .isInstanceOf(KubeBuildException.class)
                .hasMessageStartingWith("'docker inspect' is not made through the Engine API");
    }

    @Test
    void withoutServerImagesNoDockerCallGoesAnywhere() throws IOException {
        treeWhoseServerPackagingRuns("docker buildx version >/dev/null");

        new ReleasePackager(root, BuildLog.silent()).withDockerCalls(new EngineDockerCommands(root, engine, log))
                .packageRelease(0, Map.of(), Set.of(), Set.of("server"), null);

        assertThat(engine.operations).isEmpty();
        assertThat(log.lines()).isEmpty();
    }
}
