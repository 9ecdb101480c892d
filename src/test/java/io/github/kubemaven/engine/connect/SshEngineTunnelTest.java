package io.github.kubemaven.engine.connect;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.github.kubemaven.engine.DockerJavaEngine;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class SshEngineTunnelTest {

    /** What ssh runs on the remote host, run here against the local engine, started as the tunnel starts ssh. */
    private static final List<String> LOCAL_DIAL = SshEngineTunnel.inOwnSession(
            List.of("docker", "-H", "unix:///var/run/docker.sock", "system", "dial-stdio"));

    @Test
    void sshAddressesAreReadAsTheDockerCliReadsThem() {
        assertThat(SshDestination.parse("ssh://builder")).isEqualTo(new SshDestination(null, "builder", null, null));
        assertThat(SshDestination.parse("ssh://me@builder:2222")).isEqualTo(new SshDestination("me", "builder", 2222, null));
        assertThat(SshDestination.parse("ssh://me@[fd00::2]:2222/")).isEqualTo(new SshDestination("me", "fd00::2", 2222, null));
        assertThat(SshDestination.parse("ssh://ci.example.org/run/user/1000/docker.sock"))
                .isEqualTo(new SshDestination(null, "ci.example.org", null, "/run/user/1000/docker.sock"));
    }

    @Test
    void malformedSshAddressesSayWhatIsWrong() {
        Map<String, String> cases = Map.of(
                "ssh://me:secret@builder", "a password in the address is not supported; use a key",
                "ssh://builder?x=1", "ssh addresses take no query parameters",
                "ssh://builder#x", "ssh addresses take no fragment",
                "ssh://me@", "the host name is empty",
                "ssh://builder:0", "the port '0' is not a number from 1 to 65535",
                "ssh://builder:ssh", "the port 'ssh' is not a number from 1 to 65535",
                "ssh://-oProxyCommand=x", "a host name cannot start with -");
        cases.forEach((address, reason) -> assertThatThrownBy(() -> SshDestination.parse(address))
                .as(address).isInstanceOf(IllegalArgumentException.class).hasMessage(reason));
    }

    @Test
    void theDialCommandIsTheDockerClisWithoutPrompts() {
        assertThat(new SshDestination(null, "builder", null, null).dialCommand(Duration.ofSeconds(30)))
                .containsExactly("ssh", "-o", "ConnectTimeout=30", "-o", "BatchMode=yes", "-T", "--", "builder",
                        "docker system dial-stdio");
        assertThat(new SshDestination("me", "fd00::2", 2222, "/home/me/my docker.sock").dialCommand(Duration.ofSeconds(5)))
                .containsExactly("ssh", "-o", "ConnectTimeout=5", "-o", "BatchMode=yes", "-T", "-l", "me", "-p", "2222",
                        "--", "fd00::2", "docker '--host=unix:///home/me/my docker.sock' system dial-stdio");
    }

    @Test
    void aDockerJavaClientReachesTheEngineThroughTheTunnelAndClosingItStopsEveryDial() throws Exception {
        assumeThat(Files.exists(Path.of("/var/run/docker.sock"))).as("a local engine").isTrue();
        Set<Long> before = children();
        Path socket;
        try (SshEngineTunnel tunnel = new SshEngineTunnel(LOCAL_DIAL, "ssh://local", "ssh://local (from test)")) {
            socket = tunnel.relay().socket();
            assertThat(tunnel.dockerHost()).isEqualTo("unix://" + socket);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent()))).isEqualTo("rwx------");
            DockerClient client = client(tunnel.dockerHost());
            client.pingCmd().exec();
            assertThat(client.versionCmd().exec().getApiVersion()).isNotBlank();
            ExecutorService threads = Executors.newFixedThreadPool(6);
            try {
                List<Callable<String>> calls = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    calls.add(() -> client.infoCmd().exec().getId());
                }
                List<String> ids = new ArrayList<>();
                for (Future<String> id : threads.invokeAll(calls)) {
                    ids.add(id.get());
                }
                assertThat(ids).hasSize(12).doesNotContainNull().allMatch(id -> id.equals(ids.get(0)));
            } finally {
                threads.shutdown();
            }
            List<ProcessHandle> dials = dialsRunning(before);
            assertThat(dials).as("connections kept by docker-java's pool").isNotEmpty();
            assertThat(dials).as("in a session of their own, out of reach of a terminal's Ctrl-C")
                    .allMatch(dial -> session(dial.pid()) != session(ProcessHandle.current().pid()));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!dialsRunning(before).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(dialsRunning(before)).as("dial processes left after close").isEmpty();
        assertThat(socket).doesNotExist();
        assertThat(socket.getParent()).doesNotExist();
    }

    @Test
    void sshsOwnWordsMakeTheOneLine() {
        List<String> refused = List.of("sh", "-c", "cat >/dev/null; echo \"Warning: Permanently added 'builder' to the list of "
                + "known hosts.\" >&2; echo 'me@builder: Permission denied (publickey).' >&2; exit 255");
        assertThatThrownBy(() -> new SshEngineTunnel(refused, "ssh://me@builder", "ssh://me@builder (from DOCKER_HOST)"))
                .isInstanceOf(KubeBuildException.class)
                .hasMessage("Cannot reach the Docker engine at ssh://me@builder (from DOCKER_HOST): "
                        + "me@builder: Permission denied (publickey).")
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).isEqualTo(Hints.sshEngine("ssh://me@builder")));
    }

    @Test
    void anAnswerThatIsNoPingIsNamed() {
        List<String> notFound = List.of("sh", "-c", "cat >/dev/null; printf 'HTTP/1.0 404 Not Found\\r\\n\\r\\n'");
        assertThatThrownBy(() -> new SshEngineTunnel(notFound, "ssh://builder", "ssh://builder (from test)"))
                .hasMessage("Cannot reach the Docker engine at ssh://builder (from test): the engine answered HTTP/1.0 404 Not Found");
    }

    @Test
    void aMissingSshClientIsNamed() {
        assertThatThrownBy(() -> new SshEngineTunnel(List.of("no-such-ssh-client"), "ssh://builder", "ssh://builder (from test)"))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageStartingWith("Cannot run no-such-ssh-client to reach the engine at ssh://builder (from test): ");
    }

    /** The system's ssh client itself, to a port where nothing listens. */
    @Test
    void aRefusedSshConnectionIsOneLineQuotingSsh() {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/ssh"))).as("an ssh client").isTrue();
        Set<Long> before = children();
        EngineEndpoint endpoint = new EngineEndpoint("ssh://nobody@127.0.0.1:1", null, false, "kube.dockerHost");
        assertThatThrownBy(() -> SshEngineTunnel.open(endpoint))
                .isInstanceOf(KubeBuildException.class)
                .hasMessage("Cannot reach the Docker engine at ssh://nobody@127.0.0.1:1 (from kube.dockerHost): "
                        + "ssh: connect to host 127.0.0.1 port 1: Connection refused");
        assertThat(dialsRunning(before)).isEmpty();
    }

    @Test
    void connectReportsAnUnreachableSshEngineBeforeAnyCall() {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/ssh"))).as("an ssh client").isTrue();
        assertThatThrownBy(() -> DockerJavaEngine.connect("ssh://nobody@127.0.0.1:1"))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageEndingWith("Connection refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    static DockerClient client(String dockerHost) {
        DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder().withDockerHost(dockerHost).build();
        return DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    @Test
    void sshRunsInASessionOfItsOwnWhereTheSystemCan() {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/setsid"))).as("setsid").isTrue();
        assertThat(SshEngineTunnel.inOwnSession(List.of("ssh", "builder"))).containsExactly("setsid", "ssh", "builder");
    }

    /** The session id of a process, from /proc/PID/stat: the fourth field after the command's name in parentheses. */
    private static long session(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static List<ProcessHandle> dialsRunning(Set<Long> before) {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(process -> !before.contains(process.pid())).toList();
    }
}
