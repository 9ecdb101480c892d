package io.github.kubemaven.maven;

import io.github.kubemaven.config.UnknownProperties;
import io.github.kubemaven.config.UserProperty;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a run was given that nothing reads. A {@code -Dkube.*} property and a parameter of the plugin's
 * {@code <configuration>} reach every goal the run has, so they are unknown when no goal of the plugin reads them; a
 * parameter of one execution's {@code <configuration>} reaches that execution's goals only, so it is unknown as well
 * when none of those reads it.
 */
final class UnknownParameters {

    private UnknownParameters() {
    }

    /** A warning for each of {@code given}, the run's user properties, that is a {@code kube.*} no goal of the plugin reads. */
    static List<String> ofProperties(Collection<String> given, PluginDescriptor plugin) {
        Set<String> known = new HashSet<>();
        for (UserProperty property : UserProperty.values()) {
            known.add(property.property());
        }
        for (MojoDescriptor mojo : plugin.getMojos()) {
            for (Parameter parameter : parametersOf(mojo)) {
                String expression = parameter.getExpression();
                if (expression != null && expression.startsWith("${") && expression.endsWith("}")) {
                    known.add(expression.substring(2, expression.length() - 1));
                }
            }
        }
        return UnknownProperties.warnings(given, known);
    }

    /**
     * A warning for each parameter of the plugin's configuration in {@code project}'s pom that no goal of the plugin
     * reads, and for each of the configuration of {@code execution} that none of its goals reads.
     */
    static List<String> ofConfiguration(MavenProject project, MojoExecution execution) {
        PluginDescriptor descriptor = execution.getMojoDescriptor().getPluginDescriptor();
        Plugin plugin = project.getPlugin(descriptor.getPluginLookupKey());
        if (plugin == null) {
            return List.of();
        }
        Set<String> shared = new TreeSet<>(childNames(plugin.getConfiguration()));
        PluginExecution own = plugin.getExecutionsAsMap().get(execution.getExecutionId());
        Set<String> ofExecution = new TreeSet<>(own == null ? List.of() : childNames(own.getConfiguration()));
        // Maven's model copies the plugin's configuration into every execution's: what both name is the plugin's
        ofExecution.removeAll(shared);
        Set<String> given = new TreeSet<>(shared);
        given.addAll(ofExecution);
        if (given.isEmpty()) {
            return List.of();
        }
        String pom = project.getFile() == null ? project.getId() : project.getFile().getPath();
        Set<String> known = namesOf(descriptor.getMojos());
        List<String> warnings = new ArrayList<>(UnknownProperties.configurationWarnings(given, known, pom));

        Set<String> goals = new LinkedHashSet<>(own == null ? List.of() : own.getGoals());
        goals.add(execution.getMojoDescriptor().getGoal());
        Set<String> read = namesOf(goals.stream().map(descriptor::getMojo).filter(Objects::nonNull).toList());
        ofExecution.retainAll(known);
        ofExecution.removeAll(read);
        warnings.addAll(UnknownProperties.executionWarnings(ofExecution, execution.getExecutionId(),
                goals.stream().map(goal -> descriptor.getGoalPrefix() + ":" + goal).toList(), pom));
        return warnings;
    }

    /** The names and aliases of the parameters of {@code mojos}. */
    private static Set<String> namesOf(Collection<MojoDescriptor> mojos) {
        Set<String> names = new HashSet<>();
        for (MojoDescriptor mojo : mojos) {
            for (Parameter parameter : parametersOf(mojo)) {
                names.add(parameter.getName());
                if (parameter.getAlias() != null) {
                    names.add(parameter.getAlias());
                }
            }
        }
        return names;
    }

    private static List<Parameter> parametersOf(MojoDescriptor mojo) {
        return mojo.getParameters() == null ? List.of() : mojo.getParameters();
    }

    private static List<String> childNames(Object configuration) {
        List<String> names = new ArrayList<>();
        if (configuration instanceof Xpp3Dom dom) {
            for (Xpp3Dom child : dom.getChildren()) {
                names.add(child.getName());
            }
        }
        return names;
    }
}
