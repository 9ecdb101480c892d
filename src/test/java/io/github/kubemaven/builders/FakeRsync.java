package io.github.kubemaven.builders;

import io.github.kubemaven.ground.Progress;
import io.github.kubemaven.transport.RsyncClient;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An rsync client that answers at once and records what it was asked to move; it moves nothing. */
class FakeRsync implements RsyncClient {

    final List<String> transfers = new CopyOnWriteArrayList<>();
    final List<String> passwords = new CopyOnWriteArrayList<>();
    List<String> volumeListing = List.of();

    RsyncClient forPassword(String password) {
        passwords.add(password);
        return this;
    }

    @Override
    public boolean answers(Path directory, String address) {
        return true;
    }

    @Override
    public List<String> transfer(Path directory, String source, String destination, List<String> mode, List<String> filters, List<String> flags,
                         Progress progress) {
        transfers.add((source.startsWith("rsync://") ? "out " : "in ") + String.join(" ", flags));
        transferFilters.add(filters);
        return List.of();
    }

    /** The filter rules of each transfer, in the order of {@link #transfers} without the listings. */
    public final List<List<String>> transferFilters = new java.util.ArrayList<>();

    @Override
    public List<String> list(Path directory, String source, List<String> filters) {
        transfers.add("list");
        return volumeListing;
    }
}
