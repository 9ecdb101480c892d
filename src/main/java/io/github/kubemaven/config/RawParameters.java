package io.github.kubemaven.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The parameters as the user gave them, still text, before any fallback or check: what a Mojo hands over, and what a
 * test fills by hand.
 */
public final class RawParameters {

    private final Map<UserProperty, String> given = new EnumMap<>(UserProperty.class);
    private final Function<String, String> environment;

    /** @param environment the process environment, where upstream's variables fill unset parameters */
    public RawParameters(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Sets a parameter; null leaves it unset. */
    public RawParameters with(UserProperty parameter, Object value) {
        if (value != null) {
            given.put(parameter, value.toString());
        }
        return this;
    }

    /** The parameter as given, else upstream's environment variable; empty when neither is set. */
    public Optional<String> value(UserProperty parameter) {
        String value = given.get(parameter);
        if (value == null) {
            value = parameter.variable().map(environment).orElse(null);
        }
        return Optional.ofNullable(value);
    }

    /** Like {@link #value}, but a blank value counts as unset; a value that is set stays as given. */
    public Optional<String> unlessBlank(UserProperty parameter) {
        return value(parameter).filter(text -> !text.isBlank());
    }

    /** Like {@link #unlessBlank}, with the white space around the value taken off. */
    public Optional<String> nonBlank(UserProperty parameter) {
        return unlessBlank(parameter).map(String::strip);
    }

    /** A variable of the process environment that no parameter stands for, such as GOPROXY. */
    public Optional<String> environmentVariable(String name) {
        return Optional.ofNullable(environment.apply(name));
    }
}
