package io.github.kubemaven.ground;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Hides the user-info (user name and password) of every URL in a text, such as a proxy variable, a GOPROXY list
 * ({@code https://user:token@proxy.corp,direct}) or a command line: {@code scheme://***@host}. A text without such a
 * URL comes back unchanged.
 *
 * <p>Users type passwords unencoded, so user-info may hold {@code @ : / % # ?}. A URL runs from its
 * {@code scheme://} to the first white space or the next {@code scheme://}; its user-info is everything before the last
 * {@code @} in that run. Where {@link URI} parses the URL with a host and no {@code @} after its authority, its
 * user-info is the same part; where an {@code @} follows a {@code /}, {@code ?} or {@code #}, the path cannot be told
 * from a password, and the whole run up to that last {@code @} is hidden, so that no part of a password shows.
 */
public final class CredentialRedaction {

    public static final String HIDDEN = "***";
    private static final String SEPARATOR = "://";

    private CredentialRedaction() {
    }

    /** {@code text} with the user-info of each URL in it replaced by {@value #HIDDEN}; null stays null. */
    public static String redact(String text) {
        if (text == null || !text.contains(SEPARATOR) || text.indexOf('@') < 0) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length());
        int copied = 0;
        int separator = nextUrl(text, 0);
        while (separator >= 0) {
            int start = separator + SEPARATOR.length();
            int next = nextUrl(text, start);
            int end = runEnd(text, start, next < 0 ? text.length() : schemeStart(text, next));
            int userInfoEnd = userInfoEnd(text, separator, start, end);
            if (userInfoEnd > start) {
                shown.append(text, copied, start).append(HIDDEN);
                copied = userInfoEnd;
            }
            separator = next;
        }
        return shown.append(text, copied, text.length()).toString();
    }

    /** Where the user-info of the URL whose {@code ://} is at {@code separator} ends (its last {@code @}), or -1 for none. */
    private static int userInfoEnd(String text, int separator, int start, int end) {
        int at = text.lastIndexOf('@', end - 1);
        if (at < start) {
            return -1;
        }
        String url = text.substring(schemeStart(text, separator), end);
        String userInfo = parsedUserInfo(url);
        if (userInfo != null) {
            return start + userInfo.length();
        }
        return at;
    }

    /**
     * The raw user-info {@link URI} reads in {@code url}, when it reads a host and finds no {@code @} after the
     * authority; null otherwise, and the manual reading decides.
     */
    private static String parsedUserInfo(String url) {
        try {
            URI uri = new URI(url);
            String afterAuthority = (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : uri.getRawQuery())
                    + (uri.getRawFragment() == null ? "" : uri.getRawFragment());
            if (uri.getHost() == null || uri.getRawUserInfo() == null || afterAuthority.indexOf('@') >= 0) {
                return null;
            }
            return uri.getRawUserInfo();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The first {@code ://} at or after {@code from} that follows a scheme name, or -1. */
    private static int nextUrl(String text, int from) {
        int separator = text.indexOf(SEPARATOR, from);
        while (separator >= 0 && schemeStart(text, separator) == separator) {
            separator = text.indexOf(SEPARATOR, separator + 1);
        }
        return separator;
    }

    /** Where the scheme before the {@code ://} at {@code separator} begins; {@code separator} itself when there is none. */
    private static int schemeStart(String text, int separator) {
        int start = separator;
        while (start > 0 && isSchemeCharacter(text.charAt(start - 1))) {
            start--;
        }
        while (start < separator && !isLetter(text.charAt(start))) {
            start++;
        }
        return start;
    }

    private static int runEnd(String text, int start, int limit) {
        for (int index = start; index < limit; index++) {
            if (Character.isWhitespace(text.charAt(index))) {
                return index;
            }
        }
        return limit;
    }

    private static boolean isSchemeCharacter(char c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * A copy of {@code failure} and its causes that may be shown at any level ({@code mvn -e}): each message redacted
     * and prefixed with the class it came from, each stack trace as it was.
     */
    public static Throwable redactedCopy(Throwable failure) {
        if (failure == null) {
            return null;
        }
        Throwable copy = new RedactedFailure(failure.getClass().getName()
                + (failure.getMessage() == null ? "" : ": " + redact(failure.getMessage())),
                failure.getCause() == failure ? null : redactedCopy(failure.getCause()));
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** A failure as {@link #redactedCopy} shows it. */
    static final class RedactedFailure extends RuntimeException {
        RedactedFailure(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
