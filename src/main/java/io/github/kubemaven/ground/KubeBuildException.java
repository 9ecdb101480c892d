package io.github.kubemaven.ground;

/**
 * A failure the user can act on: the message says what went wrong, the hint says what to change.
 */
public class KubeBuildException extends RuntimeException {

    private final String hint;

    public KubeBuildException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public KubeBuildException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }

    /** The message and the hint, as the user should read them. */
    public String describe() {
        return hint == null || hint.isBlank() ? getMessage() : getMessage() + System.lineSeparator() + hint;
    }
}
