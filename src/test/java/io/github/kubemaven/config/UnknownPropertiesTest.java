package io.github.kubemaven.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class UnknownPropertiesTest {

    private static final Set<String> KNOWN = Set.of("kube.platforms", "kube.what", "kube.seed", "kube.skip", "kube.testTargets");

    @Test
    void aTypoIsNamedWithThePropertyMeant() {
        assertThat(UnknownProperties.warnings(List.of("kube.platfroms", "kube.what", "maven.repo.local"), KNOWN)).containsExactly(
                "The property kube.platfroms is read by no goal of this plugin, so it changes nothing; did you mean kube.platforms?");
    }

    @Test
    void aNameFarFromEveryPropertyIsNamedAlone() {
        assertThat(UnknownProperties.warnings(List.of("kube.foo"), KNOWN))
                .containsExactly("The property kube.foo is read by no goal of this plugin, so it changes nothing.");
        assertThat(UnknownProperties.warnings(List.of("kube.testtargets"), KNOWN)).singleElement().asString()
                .endsWith("did you mean kube.testTargets?");
    }

    @Test
    void swappedLettersAreOneEdit() {
        assertThat(UnknownProperties.distance("kube.platfroms", "kube.platforms")).isEqualTo(1);
        assertThat(UnknownProperties.distance("kube.seed", "kube.seed")).isZero();
        assertThat(UnknownProperties.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void aMisspeltParameterInThePomIsNamedWithTheParameterMeant() {
        Set<String> parameters = Set.of("platforms", "what", "skip", "testTargets", "kube.skip");
        assertThat(UnknownProperties.configurationWarnings(List.of("what", "platfroms", "colour"), parameters, "pom.xml")).containsExactly(
                "The parameter <colour> in the plugin's configuration in pom.xml is read by no goal of this plugin, so it changes nothing.",
                "The parameter <platfroms> in the plugin's configuration in pom.xml is read by no goal of this plugin, so it changes nothing;"
                        + " did you mean <platforms>?");
        assertThat(UnknownProperties.configurationWarnings(List.of("what", "skip"), parameters, "pom.xml")).isEmpty();
    }

    @Test
    void aParameterOfAnExecutionItsGoalsDoNotReadIsNamedWithThem() {
        assertThat(UnknownProperties.executionWarnings(List.of("platforms"), "tidy", List.of("kube:clean"), "pom.xml")).containsExactly(
                "The parameter <platforms> of execution 'tidy' in pom.xml is not read by kube:clean, so it changes nothing.");
        assertThat(UnknownProperties.executionWarnings(List.of("what"), "tidy", List.of("kube:clean", "kube:shell"), "pom.xml"))
                .containsExactly("The parameter <what> of execution 'tidy' in pom.xml is read by none of its goals (kube:clean, kube:shell), "
                        + "so it changes nothing.");
    }
}
