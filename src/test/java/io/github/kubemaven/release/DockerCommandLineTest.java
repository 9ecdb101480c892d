package io.github.kubemaven.release;

import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerCommandLineTest {

    private static DockerCommandLine.Command parse(String... arguments) {
        return DockerCommandLine.parse(List.of(arguments));
    }

    @Test
    void theBuildOfKubernetes120KeepsItsImageInTheEngine() {
        assertThat(parse("build", "-q", "-t", "k8s.gcr.io/kube-apiserver-amd64:v1.20.2", "/tmp/tmp.x1"))
                .isEqualTo(new DockerCommandLine.Build("/tmp/tmp.x1", null, List.of("k8s.gcr.io/kube-apiserver-amd64:v1.20.2"),
                        Map.of(), Map.of(), null, false, true, true, null));
        assertThat(parse("build", "--pull", "-q", "-t", "a:1", "ctx")).extracting("pull").isEqualTo(true);
        assertThat(parse("image", "build", "--tag=a:1", "-tb:2", "--pull=false", "--rm", "--force-rm", "--no-cache", "ctx"))
                .isEqualTo(new DockerCommandLine.Build("ctx", null, List.of("a:1", "b:2"), Map.of(), Map.of(), null, false, false, true, null));
    }

    @Test
    void aBuildxBuildToADockerArchiveWritesItAndKeepsNoImage() {
        DockerCommandLine.Command build = parse("buildx", "build", "-q", "-f", "/tree/build/server-image/Dockerfile",
                "--platform", "linux/amd64", "--output", "type=docker,dest=/tree/_output/kube-proxy.tar",
                "-t", "registry.k8s.io/kube-proxy-amd64:v1.33.0", "--build-arg", "BASEIMAGE=base:1",
                "--build-arg=SETCAP_IMAGE=setcap:1", "--build-arg", "BINARY=kube-proxy", "/tree/_output/kube-proxy.dockerbuild");

        assertThat(build).isEqualTo(new DockerCommandLine.Build("/tree/_output/kube-proxy.dockerbuild", "/tree/build/server-image/Dockerfile",
                List.of("registry.k8s.io/kube-proxy-amd64:v1.33.0"),
                Map.of("BASEIMAGE", "base:1", "SETCAP_IMAGE", "setcap:1", "BINARY", "kube-proxy"), Map.of(), null,
                false, true, false, "/tree/_output/kube-proxy.tar"));
    }

    @Test
    void aBuildxBuildThatLoadsKeepsItsImage() {
        assertThat(parse("buildx", "build", "-f", "Dockerfile", "--platform=linux/arm64", "--load", "-t", "a:1",
                "--label", "k=v", "--target", "final", "--progress", "plain", "."))
                .isEqualTo(new DockerCommandLine.Build(".", "Dockerfile", List.of("a:1"), Map.of(), Map.of("k", "v"), "final",
                        false, false, true, null));
        assertThat(parse("buildx", "build", "-o", "type=docker", "-t", "a:1", ".")).extracting("keep").isEqualTo(true);
        assertThat(parse("buildx", "build", "-t", "a:1", ".")).extracting("keep").isEqualTo(false);
    }

    @Test
    void saveTagAndRemove() {
        assertThat(parse("save", "-o", "/out/a.tar", "a:1", "b:1")).isEqualTo(new DockerCommandLine.Save("/out/a.tar", List.of("a:1", "b:1")));
        assertThat(parse("image", "save", "--output=/out/a.tar", "a:1")).isEqualTo(new DockerCommandLine.Save("/out/a.tar", List.of("a:1")));
        assertThat(parse("tag", "a:1", "b:2")).isEqualTo(new DockerCommandLine.Tag("a:1", "b:2"));
        assertThat(parse("rmi", "-f", "a:1", "b:2")).isEqualTo(new DockerCommandLine.Remove(List.of("a:1", "b:2")));
        assertThat(parse("image", "rm", "a:1")).isEqualTo(new DockerCommandLine.Remove(List.of("a:1")));
    }

    @Test
    void theBuildxBuildersSetUpHasNothingToDo() {
        assertThat(parse("buildx", "create", "--name", "img-builder", "--use")).isEqualTo(new DockerCommandLine.Nothing(List.of()));
        assertThat(parse("buildx", "inspect", "--bootstrap")).isEqualTo(new DockerCommandLine.Nothing(List.of()));
        assertThat(parse("buildx", "rm", "img-builder")).isEqualTo(new DockerCommandLine.Nothing(List.of()));
        assertThat(((DockerCommandLine.Nothing) parse("buildx", "version")).output()).hasSize(1);
    }

    @Test
    void anyOtherFormIsRefusedByName() {
        assertRefused(List.of("inspect", "a:1"), "'docker inspect'");
        assertRefused(List.of("image", "inspect", "a:1"), "'docker image inspect'");
        assertRefused(List.of("--host", "tcp://x:2376", "build", "."), "'docker --host'");
        assertRefused(List.of(), "'docker with no command'");
        assertRefused(List.of("buildx", "build", "--push", "-t", "a:1", "."), "'docker buildx build --push'");
        assertRefused(List.of("buildx", "build", "--output", "type=registry", "-t", "a:1", "."), "type=registry");
        assertRefused(List.of("buildx", "build", "--output", "type=docker,dest=a.tar", "."), "without -t");
        assertRefused(List.of("build", "--build-arg", "HTTP_PROXY", "."), "'docker build --build-arg HTTP_PROXY (a value from the environment)'");
        assertRefused(List.of("build", "-t", "a:1", "-"), "'docker build of the context -'");
        assertRefused(List.of("build", "-t", "a:1"), "'docker build with 0 context folders []'");
        assertRefused(List.of("save", "a:1"), "'docker save to standard output (without -o)'");
    }

    private static void assertRefused(List<String> arguments, String named) {
        assertThatThrownBy(() -> DockerCommandLine.parse(arguments))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageContaining(named)
                .hasMessageContaining("is not made through the Engine API")
                .hasMessageContaining("(" + DockerCommandLine.FORWARDED + ")");
    }
}
