package io.github.kubemaven.engine.connect;

/**
 * The {@code HOST[:PORT]} part of an engine address, an IPv6 host in brackets: {@code [fd00::2]:2376}.
 *
 * @param host the host, without brackets; empty when the address names none
 * @param port the port as written; empty when the address names none
 */
record HostPort(String host, String port) {

    /**
     * Splits {@code authority}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static HostPort parse(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            String afterHost = close < 0 ? "" : authority.substring(close + 1);
            if (close < 0 || !(afterHost.isEmpty() || afterHost.startsWith(":"))) {
                throw new IllegalArgumentException("write an IPv6 address as [ADDRESS]:PORT");
            }
            return new HostPort(authority.substring(1, close), afterHost.isEmpty() ? "" : afterHost.substring(1));
        }
        int colon = authority.indexOf(':');
        if (colon != authority.lastIndexOf(':')) {
            throw new IllegalArgumentException("write an IPv6 address in brackets, as [ADDRESS]:PORT");
        }
        return colon < 0 ? new HostPort(authority, "") : new HostPort(authority.substring(0, colon), authority.substring(colon + 1));
    }

    /** The port as a number from 1 to 65535. */
    int portNumber() {
        if (port.matches("[0-9]{1,5}")) {
            int number = Integer.parseInt(port);
            if (number >= 1 && number <= 65535) {
                return number;
            }
        }
        throw new IllegalArgumentException("the port '" + port + "' is not a number from 1 to 65535");
    }

    /** The host as an address writes it, an IPv6 one in brackets. */
    String addressHost() {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
