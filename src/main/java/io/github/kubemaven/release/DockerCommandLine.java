package io.github.kubemaven.release;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code docker} command line of a tree's release scripts asks for, read as the docker CLI reads it, for the
 * forms that server images are made with: {@code build} ({@code image build}), {@code buildx build}, {@code save -o},
 * {@code tag}, {@code rmi} ({@code image rm}), and the buildx builder's set-up and tear-down, which has nothing to do
 * here. Anything else is refused by name.
 */
public final class DockerCommandLine {

    /** One docker call. */
    public sealed interface Command permits Build, Save, Tag, Remove, Nothing {
    }

    /**
     * {@code docker build} or {@code docker buildx build}.
     *
     * @param context    the context folder as given (relative to the caller's folder)
     * @param dockerfile as given with {@code -f}, or null for the context's {@code Dockerfile}
     * @param keep       whether the image stays in the engine ({@code docker build}, buildx's {@code --load})
     * @param archive    where buildx's {@code --output type=docker,dest=...} writes the image's archive, or null
     */
    public record Build(String context, String dockerfile, List<String> tags, Map<String, String> buildArguments,
                        Map<String, String> labels, String target, boolean pull, boolean quiet, boolean keep, String archive)
            implements Command {
    }

    /** {@code docker save -o FILE IMAGE...}. */
    public record Save(String file, List<String> references) implements Command {
    }

    /** {@code docker tag SOURCE TARGET}. */
    public record Tag(String source, String target) implements Command {
    }

    /** {@code docker rmi IMAGE...}. */
    public record Remove(List<String> references) implements Command {
    }

    /** A call with nothing to do, answered with these lines. */
    public record Nothing(List<String> output) implements Command {
    }

    static final String FORWARDED = "build, buildx build, save -o, tag and rmi";

    private static final Set<String> BUILDX_NOTHING = Set.of("create", "use", "inspect", "rm", "stop", "ls", "prune", "du");
    private static final Pattern BUILD_ARGUMENT = Pattern.compile("([^=]+)=(.*)", Pattern.DOTALL);

    private DockerCommandLine() {
    }

    /** Reads one call's arguments (those after {@code docker}); refuses a form it does not carry out. */
    public static Command parse(List<String> arguments) {
        if (arguments.isEmpty()) {
            throw refused("docker with no command");
        }
        String first = arguments.get(0);
        if (first.startsWith("-")) {
            throw refused("docker " + first);
        }
        List<String> rest = arguments.subList(1, arguments.size());
        String second = rest.isEmpty() ? "" : rest.get(0);
        List<String> afterSecond = rest.isEmpty() ? List.of() : rest.subList(1, rest.size());
        return switch (first) {
            case "build" -> build("docker build", rest, false);
            case "save" -> save(rest);
            case "tag" -> tag(rest);
            case "rmi" -> remove("docker rmi", rest);
            case "image" -> switch (second) {
                case "build" -> build("docker image build", afterSecond, false);
                case "save" -> save(afterSecond);
                case "tag" -> tag(afterSecond);
                case "rm", "remove" -> remove("docker image " + second, afterSecond);
                default -> throw refused("docker image " + second);
            };
            case "buildx" -> switch (second) {
                case "build" -> build("docker buildx build", afterSecond, true);
                case "version" -> new Nothing(List.of("buildx: builds go through the Engine API (kube-maven-plugin)"));
                default -> {
                    if (BUILDX_NOTHING.contains(second)) {
                        yield new Nothing(List.of());
                    }
                    throw refused("docker buildx " + second);
                }
            };
            default -> throw refused("docker " + first);
        };
    }

    private static Build build(String command, List<String> arguments, boolean buildx) {
        Options options = Options.read(command, arguments,
                Set.of("-t", "--tag", "-f", "--file", "--build-arg", "--label", "--target", "--platform", "--progress", "-o", "--output"),
                Set.of("-q", "--quiet", "--pull", "--load", "--rm", "--force-rm", "--no-cache"),
                Map.of("-t", "--tag", "-f", "--file", "-o", "--output", "-q", "--quiet"));
        if (options.positional.size() != 1) {
            throw refused(command + " with " + options.positional.size() + " context folders " + options.positional);
        }
        String context = options.positional.get(0);
        if (context.equals("-") || context.contains("://")) {
            throw refused(command + " of the context " + context);
        }
        List<String> tags = options.all("--tag");
        String dockerfile = options.last("--file");
        if ("-".equals(dockerfile)) {
            throw refused(command + " -f -");
        }
        Map<String, String> buildArguments = pairs(command, "--build-arg", options.all("--build-arg"));
        Map<String, String> labels = pairs(command, "--label", options.all("--label"));
        boolean keep = !buildx || options.flag("--load");
        String archive = null;
        for (String output : options.all("--output")) {
            Map<String, String> fields = outputFields(output);
            if (!"docker".equals(fields.get("type"))) {
                throw refused(command + " --output " + output + " (only type=docker is made through the Engine API)");
            }
            if (fields.containsKey("dest")) {
                archive = fields.get("dest");
            } else {
                keep = true;
            }
        }
        if (archive != null && tags.isEmpty()) {
            throw refused(command + " --output type=docker,dest=... without -t");
        }
        return new Build(context, dockerfile, tags, buildArguments, labels, options.last("--target"),
                options.flag("--pull"), options.flag("--quiet"), keep, archive);
    }

    private static Map<String, String> outputFields(String output) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : output.split(",")) {
            int equals = field.indexOf('=');
            if (equals < 0) {
                fields.put("dest", field);
                fields.putIfAbsent("type", "local");
            } else {
                fields.put(field.substring(0, equals), field.substring(equals + 1));
            }
        }
        return fields;
    }

    private static Map<String, String> pairs(String command, String option, List<String> values) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String value : values) {
            Matcher pair = BUILD_ARGUMENT.matcher(value);
            if (!pair.matches()) {
                throw refused(command + " " + option + " " + value + " (a value from the environment)");
            }
            pairs.put(pair.group(1), pair.group(2));
        }
        return pairs;
    }

    private static Save save(List<String> arguments) {
        Options options = Options.read("docker save", arguments, Set.of("-o", "--output"), Set.of(), Map.of("-o", "--output"));
        String file = options.last("--output");
        if (file == null) {
            throw refused("docker save to standard output (without -o)");
        }
        if (options.positional.isEmpty()) {
            throw refused("docker save with no image");
        }
        return new Save(file, List.copyOf(options.positional));
    }

    private static Tag tag(List<String> arguments) {
        Options options = Options.read("docker tag", arguments, Set.of(), Set.of("-f", "--force"), Map.of());
        if (options.positional.size() != 2) {
            throw refused("docker tag with " + options.positional.size() + " images");
        }
        return new Tag(options.positional.get(0), options.positional.get(1));
    }

    private static Remove remove(String command, List<String> arguments) {
        Options options = Options.read(command, arguments, Set.of(), Set.of("-f", "--force", "--no-prune"), Map.of());
        if (options.positional.isEmpty()) {
            throw refused(command + " with no image");
        }
        return new Remove(List.copyOf(options.positional));
    }

    private static KubeBuildException refused(String form) {
        return new KubeBuildException("'" + form + "' is not made through the Engine API: with no docker command on this "
                + "machine, the plugin makes only the docker calls server images need (" + FORWARDED + ").",
                Hints.ENGINE_DOCKER_CALLS);
    }

    /** Options and operands as the docker CLI reads them: {@code --name value}, {@code --name=value}, {@code -n value}. */
    private static final class Options {
        private final Map<String, List<String>> values = new LinkedHashMap<>();
        private final List<String> positional = new ArrayList<>();

        /** @param aliases short names and the long names their values are kept under, so that both forms keep one order */
        static Options read(String command, List<String> arguments, Set<String> valued, Set<String> flags,
                            Map<String, String> aliases) {
            Options options = new Options();
            for (int i = 0; i < arguments.size(); i++) {
                String argument = arguments.get(i);
                if (argument.equals("--")) {
                    options.positional.addAll(arguments.subList(i + 1, arguments.size()));
                    break;
                }
                if (!argument.startsWith("-") || argument.equals("-")) {
                    options.positional.add(argument);
                    continue;
                }
                int equals = argument.indexOf('=');
                String name = equals > 0 ? argument.substring(0, equals) : argument;
                String value = equals > 0 ? argument.substring(equals + 1) : null;
                if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= arguments.size()) {
                            throw refused(command + " " + name + " with no value");
                        }
                        value = arguments.get(++i);
                    }
                } else if (flags.contains(name)) {
                    if (value != null && !value.equals("true") && !value.equals("false")) {
                        throw refused(command + " " + argument);
                    }
                    value = value == null ? "true" : value;
                } else if (!name.startsWith("--") && name.length() > 2 && valued.contains(name.substring(0, 2))) {
                    value = argument.substring(2);
                    name = name.substring(0, 2);
                } else {
                    throw refused(command + " " + name);
                }
                options.values.computeIfAbsent(aliases.getOrDefault(name, name), key -> new ArrayList<>()).add(value);
            }
            return options;
        }

        List<String> all(String... names) {
            List<String> all = new ArrayList<>();
            for (String name : names) {
                all.addAll(values.getOrDefault(name, List.of()));
            }
            return all;
        }

        String last(String... names) {
            List<String> all = all(names);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        boolean flag(String... names) {
            return "true".equals(last(names));
        }
    }
}
