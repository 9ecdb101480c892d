package io.github.kubemaven.tree;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A build-image Dockerfile in one of the two forms Kubernetes trees use:
 * {@code FROM <repo>:KUBE_BUILD_IMAGE_CROSS_TAG} (1.20 and before), whose tag is substituted in the text,
 * or {@code ARG KUBE_CROSS_IMAGE} / {@code ARG KUBE_CROSS_VERSION} (later releases), which take build arguments.
 */
public final class DockerfileTemplate {

    static final String TAG_PLACEHOLDER = "KUBE_BUILD_IMAGE_CROSS_TAG";
    private static final Pattern PLACEHOLDER_FROM =
            Pattern.compile("(?m)^(\\s*FROM\\s+)(\\S+):" + TAG_PLACEHOLDER + "(\\s.*)?$");
    private static final Pattern ARG_DECLARATION =
            Pattern.compile("(?m)^\\s*ARG\\s+(KUBE_CROSS_IMAGE|KUBE_CROSS_VERSION)(?:=(\\S*))?\\s*$");

    public enum Form { TAG_PLACEHOLDER, BUILD_ARGUMENTS }

    private final String text;
    private final Form form;
    private final String defaultCrossImage;

    private DockerfileTemplate(String text, Form form, String defaultCrossImage) {
        this.text = text;
        this.form = form;
        this.defaultCrossImage = defaultCrossImage;
    }

    /**
     * Reads a Dockerfile. {@code registryCrossImage} is the cross image repository to use when the
     * file names none of its own.
     */
    public static DockerfileTemplate parse(String text, String registryCrossImage) {
        Matcher placeholder = PLACEHOLDER_FROM.matcher(text);
        if (placeholder.find()) {
            return new DockerfileTemplate(text, Form.TAG_PLACEHOLDER, placeholder.group(2));
        }
        String crossImage = registryCrossImage;
        boolean declaresArguments = false;
        Matcher argument = ARG_DECLARATION.matcher(text);
        while (argument.find()) {
            declaresArguments = true;
            if (argument.group(1).equals("KUBE_CROSS_IMAGE") && argument.group(2) != null && !argument.group(2).isEmpty()) {
                crossImage = argument.group(2);
            }
        }
        if (!declaresArguments) {
            throw new IllegalArgumentException("The build-image Dockerfile neither uses FROM ...:" + TAG_PLACEHOLDER
                    + " nor declares ARG KUBE_CROSS_IMAGE / KUBE_CROSS_VERSION");
        }
        return new DockerfileTemplate(text, Form.BUILD_ARGUMENTS, crossImage);
    }

    public Form form() {
        return form;
    }

    /** The cross image repository the Dockerfile builds on unless the user names another. */
    public String defaultCrossImage() {
        return defaultCrossImage;
    }

    /** The Dockerfile text to put in the build context, for the given cross image and tag. */
    public String render(String crossImage, String crossTag) {
        if (form == Form.TAG_PLACEHOLDER) {
            Matcher matcher = PLACEHOLDER_FROM.matcher(text);
            return matcher.replaceFirst(match -> Matcher.quoteReplacement(
                    match.group(1) + crossImage + ":" + crossTag + (match.group(3) == null ? "" : match.group(3))));
        }
        return text;
    }

    /** The build arguments the rendered Dockerfile needs. */
    public Map<String, String> buildArguments(String crossImage, String crossTag) {
        Map<String, String> arguments = new LinkedHashMap<>();
        if (form == Form.BUILD_ARGUMENTS) {
            arguments.put("KUBE_CROSS_IMAGE", crossImage);
            arguments.put("KUBE_CROSS_VERSION", crossTag);
        }
        return arguments;
    }
}
