package io.github.kubemaven.maven;

import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnknownParametersTest {

    private static final String POM = new File("pom.xml").getPath();

    private static PluginDescriptor plugin() throws Exception {
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setGroupId("io.github.kubemaven");
        plugin.setArtifactId("kube-maven-plugin");
        plugin.setGoalPrefix("kube");
        plugin.addMojo(mojo(plugin, "clean", "root", "cleanBranch"));
        plugin.addMojo(mojo(plugin, "copy-output", "root", "sync"));
        plugin.addMojo(mojo(plugin, "build", "root", "sync", "platforms"));
        return plugin;
    }

    private static MojoDescriptor mojo(PluginDescriptor plugin, String goal, String... parameters) throws Exception {
        MojoDescriptor mojo = new MojoDescriptor();
        mojo.setGoal(goal);
        mojo.setPluginDescriptor(plugin);
        mojo.setParameters(Arrays.stream(parameters).map(name -> {
            Parameter parameter = new Parameter();
            parameter.setName(name);
            parameter.setExpression("${kube." + name + "}");
            return parameter;
        }).toList());
        return mojo;
    }

    private static Xpp3Dom configuration(String... names) {
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        for (String name : names) {
            Xpp3Dom child = new Xpp3Dom(name);
            child.setValue("x");
            configuration.addChild(child);
        }
        return configuration;
    }

    /**
     * A project whose pom configures the plugin with {@code shared} and has the execution {@code id} of {@code goals}
     * with {@code own}; the execution's configuration holds both, as Maven's model merges them.
     */
    private static MavenProject project(List<String> shared, String id, List<String> goals, List<String> own) {
        Plugin plugin = new Plugin();
        plugin.setGroupId("io.github.kubemaven");
        plugin.setArtifactId("kube-maven-plugin");
        plugin.setConfiguration(configuration(shared.toArray(String[]::new)));
        PluginExecution execution = new PluginExecution();
        execution.setId(id);
        goals.forEach(execution::addGoal);
        List<String> merged = new ArrayList<>(own);
        merged.addAll(shared);
        execution.setConfiguration(configuration(merged.toArray(String[]::new)));
        plugin.addExecution(execution);
        Build build = new Build();
        build.addPlugin(plugin);
        Model model = new Model();
        model.setBuild(build);
        MavenProject project = new MavenProject(model);
        project.setFile(new File(POM));
        return project;
    }

    private static List<String> warnings(MavenProject project, String goal, String execution) throws Exception {
        return UnknownParameters.ofConfiguration(project, new MojoExecution(plugin().getMojo(goal), execution));
    }

    @Test
    void aPropertyOfAnotherGoalIsKnown() throws Exception {
        assertThat(UnknownParameters.ofProperties(List.of("kube.platforms", "kube.cleanBranch", "kube.platfroms"), plugin()))
                .containsExactly("The property kube.platfroms is read by no goal of this plugin, so it changes nothing;"
                        + " did you mean kube.platforms?");
    }

    @Test
    void thePluginsConfigurationIsForEveryGoal() throws Exception {
        assertThat(warnings(project(List.of("platforms", "cleanBranch"), "tidy", List.of("clean"), List.of()), "clean", "tidy")).isEmpty();
    }

    @Test
    void anExecutionsConfigurationIsForItsGoals() throws Exception {
        MavenProject project = project(List.of("platforms"), "tidy", List.of("clean"), List.of("sync", "colour", "cleanBranch"));
        assertThat(warnings(project, "clean", "tidy")).containsExactly(
                "The parameter <colour> in the plugin's configuration in " + POM + " is read by no goal of this plugin, so it changes nothing.",
                "The parameter <sync> of execution 'tidy' in " + POM + " is not read by kube:clean, so it changes nothing.");
    }

    @Test
    void aParameterOneGoalOfTheExecutionReadsIsKnown() throws Exception {
        MavenProject project = project(List.of(), "both", List.of("clean", "build"), List.of("platforms"));
        assertThat(warnings(project, "clean", "both")).isEmpty();
        MavenProject neither = project(List.of(), "tidy", List.of("clean", "copy-output"), List.of("platforms"));
        assertThat(warnings(neither, "clean", "tidy")).containsExactly("The parameter <platforms> of execution 'tidy' in " + POM
                + " is read by none of its goals (kube:clean, kube:copy-output), so it changes nothing.");
    }

    @Test
    void anExecutionWithoutGoalsIsTheGoalRunning() throws Exception {
        MavenProject project = project(List.of(), "default-cli", List.of(), List.of("platforms", "cleanBranch"));
        assertThat(warnings(project, "clean", "default-cli"))
                .containsExactly("The parameter <platforms> of execution 'default-cli' in " + POM
                        + " is not read by kube:clean, so it changes nothing.");
        assertThat(warnings(project, "build", "default-cli")).singleElement().asString().contains("<cleanBranch>", "not read by kube:build");
    }
}
