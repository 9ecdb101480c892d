package io.github.kubemaven.stamp;

import io.github.kubemaven.tree.TreeSnapshot;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * What the up-to-date check found: that the tree is up to date, with the files it found only touched, or that it is to
 * be built from the tree as the check saw it, which {@link UpToDateRecord#recordSuccess} records after a success.
 */
public final class Verdict {

    private final boolean upToDate;
    private final TreeSnapshot before;
    private final Map<String, UpToDateRecord.Retimed> retimed;
    private final CompletableFuture<Map<String, String>> contentBefore;

    private Verdict(boolean upToDate, TreeSnapshot before, Map<String, UpToDateRecord.Retimed> retimed,
                    CompletableFuture<Map<String, String>> contentBefore) {
        this.upToDate = upToDate;
        this.before = before;
        this.retimed = Collections.unmodifiableMap(new TreeMap<>(retimed));
        this.contentBefore = contentBefore;
    }

    static Verdict upToDate(TreeSnapshot tree, Map<String, UpToDateRecord.Retimed> retimed) {
        return new Verdict(true, tree, retimed, null);
    }

    /** @param contentBefore the content hashes of the tree's files before the build, being read beside it */
    static Verdict toBuild(TreeSnapshot before, CompletableFuture<Map<String, String>> contentBefore) {
        return new Verdict(false, before, Map.of(), contentBefore);
    }

    /** Whether the build may be skipped. */
    public boolean upToDate() {
        return upToDate;
    }

    /** The tree as the check saw it, binaries included: what a build starts from. */
    public TreeSnapshot before() {
        return before;
    }

    /** The inputs and generated files found touched, content unchanged, by a check that found the tree up to date. */
    public Map<String, UpToDateRecord.Retimed> retimed() {
        return retimed;
    }

    CompletableFuture<Map<String, String>> contentBefore() {
        if (upToDate) {
            throw new IllegalStateException("The tree was found up to date; there is no build to record");
        }
        return contentBefore;
    }
}
