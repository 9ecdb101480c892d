package io.github.kubemaven.builders;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformSplitTest {

    private static final List<String> FOUR = List.of("linux/amd64", "linux/arm64", "linux/ppc64le", "linux/s390x");
    private static final List<String> TWO_ENGINES = List.of("unix:///var/run/docker.sock", "tcp://builder:2376");

    @TempDir
    Path root;

    @Test
    void withoutARecordThePlatformsAreDealtOutEvenly() {
        Map<String, List<String>> shares = PlatformSplit.recordedIn(root).split(FOUR, TWO_ENGINES);
        assertThat(shares.values()).extracting(List::size).containsExactly(2, 2);
        assertThat(shares.values().stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(FOUR);
    }

    @Test
    void recordedSecondsBalanceTheEnginesLoad() {
        PlatformSplit costs = PlatformSplit.recordedIn(root);
        costs.took(List.of("linux/amd64"), 300);
        costs.took(List.of("linux/arm64", "linux/ppc64le", "linux/s390x"), 300);
        costs.writeTo(root);

        Map<String, List<String>> shares = PlatformSplit.recordedIn(root).split(FOUR, TWO_ENGINES);
        assertThat(shares).containsExactly(
                Map.entry("unix:///var/run/docker.sock", List.of("linux/amd64")),
                Map.entry("tcp://builder:2376", List.of("linux/arm64", "linux/ppc64le", "linux/s390x")));
    }

    @Test
    void aPlatformNeverBuiltCostsTheAverageOfTheKnownOnes() {
        PlatformSplit costs = PlatformSplit.recordedIn(root);
        costs.took(List.of("linux/amd64", "linux/arm64"), 400);
        assertThat(costs.seconds("linux/amd64")).isEqualTo(200);
        Map<String, List<String>> shares = costs.split(List.of("linux/amd64", "linux/arm64", "linux/s390x"), TWO_ENGINES);
        assertThat(shares.values()).extracting(List::size).containsExactlyInAnyOrder(2, 1);
    }

    @Test
    void moreEnginesThanPlatformsLeavesTheRestOut() {
        Map<String, List<String>> shares = PlatformSplit.recordedIn(root).split(List.of("linux/amd64"), TWO_ENGINES);
        assertThat(shares).containsOnlyKeys("unix:///var/run/docker.sock");
    }

    @Test
    void anUnreadableRecordCountsAsNone() throws IOException {
        Files.createDirectories(root.resolve(PlatformSplit.RECORD).getParent());
        Files.writeString(root.resolve(PlatformSplit.RECORD), "linux/amd64=lots\n");
        assertThat(PlatformSplit.recordedIn(root).split(FOUR, TWO_ENGINES).values()).extracting(List::size).containsExactly(2, 2);
    }

    @Test
    void aPlatformStaysOnTheEngineThatBuiltItLastWhenTheSplitStaysEven() {
        PlatformSplit costs = PlatformSplit.recordedIn(root);
        costs.took(List.of("linux/amd64"), 10);
        costs.builtOn(List.of("linux/amd64"), TWO_ENGINES.get(0));
        costs.took(List.of("linux/arm64"), 11);
        costs.builtOn(List.of("linux/arm64"), TWO_ENGINES.get(1));
        costs.writeTo(root);

        Map<String, List<String>> shares = PlatformSplit.recordedIn(root).split(List.of("linux/amd64", "linux/arm64"), TWO_ENGINES);
        assertThat(shares).containsExactly(Map.entry(TWO_ENGINES.get(0), List.of("linux/amd64")),
                Map.entry(TWO_ENGINES.get(1), List.of("linux/arm64")));
    }

    @Test
    void platformsLeaveTheirLastEngineWhereStayingWouldMakeItsShareTooLong() {
        PlatformSplit costs = PlatformSplit.recordedIn(root);
        costs.took(FOUR, 400);
        costs.builtOn(FOUR, TWO_ENGINES.get(1));

        Map<String, List<String>> shares = costs.split(FOUR, TWO_ENGINES);
        assertThat(shares.values()).extracting(List::size).containsExactly(2, 2);
        assertThat(shares.get(TWO_ENGINES.get(1))).containsExactly("linux/amd64", "linux/arm64");
    }

    @Test
    void thePlatformsOfAnEngineNoLongerListedAreDealtToTheOthers() {
        PlatformSplit costs = PlatformSplit.recordedIn(root);
        costs.took(FOUR, 400);
        costs.builtOn(List.of("linux/amd64", "linux/arm64"), "tcp://gone:2376");
        costs.builtOn(List.of("linux/ppc64le", "linux/s390x"), TWO_ENGINES.get(0));

        Map<String, List<String>> shares = costs.split(FOUR, TWO_ENGINES);
        assertThat(shares).containsOnlyKeys(TWO_ENGINES);
        assertThat(shares.get(TWO_ENGINES.get(0))).containsExactly("linux/ppc64le", "linux/s390x");
        assertThat(shares.get(TWO_ENGINES.get(1))).containsExactly("linux/amd64", "linux/arm64");
    }

    @Test
    void platformsThatStayNeverMakeAShareLongerThanTheEvenSplitAllows() {
        PlatformSplit costs = PlatformSplit.recordedIn(root);
        costs.took(List.of("linux/amd64"), 10);
        costs.took(List.of("linux/arm64", "linux/ppc64le"), 5);
        costs.builtOn(List.of("linux/arm64", "linux/ppc64le"), TWO_ENGINES.get(0));
        costs.took(List.of("linux/s390x", "windows/amd64"), 5);
        costs.builtOn(List.of("linux/s390x", "windows/amd64"), TWO_ENGINES.get(1));
        List<String> five = List.of("linux/amd64", "linux/arm64", "linux/ppc64le", "linux/s390x", "windows/amd64");

        Map<String, List<String>> shares = costs.split(five, TWO_ENGINES);
        double longest = shares.values().stream()
                .mapToDouble(share -> share.stream().mapToDouble(costs::seconds).sum()).max().orElseThrow();
        assertThat(longest).isLessThanOrEqualTo(10 * PlatformSplit.STICKY_SLACK);
        assertThat(shares.values().stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(five);
    }

    @Test
    void theEnginesThatBuiltPlatformsLastAreKnownFromTheRecord() {
        PlatformSplit costs = PlatformSplit.recordedIn(root);
        costs.took(FOUR, 400);
        costs.builtOn(List.of("linux/amd64", "linux/ppc64le"), "k8s://c/ns?node=a");
        costs.builtOn(List.of("linux/arm64"), "k8s://c/ns?node=b");
        costs.writeTo(root);

        assertThat(ShardedBuilder.lastEngines(root, FOUR)).containsExactly("k8s://c/ns?node=a", "k8s://c/ns?node=b");
        assertThat(ShardedBuilder.lastEngines(root, List.of("linux/ppc64le", "linux/s390x"))).containsExactly("k8s://c/ns?node=a");
        assertThat(ShardedBuilder.lastEngines(root.resolve("elsewhere"), FOUR)).isEmpty();
    }
}
