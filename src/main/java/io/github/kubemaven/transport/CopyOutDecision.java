package io.github.kubemaven.transport;

import io.github.kubemaven.tree.TreeSnapshot;

/**
 * Whether a file that copy-out brings may replace what the tree holds at its path: only when the tree still holds
 * what sync-in sent (or held nothing there then and holds nothing now). Anything else is the user's work.
 */
public final class CopyOutDecision {

    /** What to do with one incoming file. */
    public enum Verdict {
        /** Write it into the tree. */
        WRITE,
        /** Leave the tree's file as it is and keep the incoming one aside. */
        KEEP_USERS
    }

    private CopyOutDecision() {
    }

    /**
     * @param sent      what the tree held at the path when sync-in read it, or null when it held nothing
     * @param current   what the tree holds there now, or null when nothing
     * @param unchanged whether {@code current} is still {@code sent} (size, time, mode, and content where known)
     * @param folderExists whether the folder the file goes into exists in the tree now
     */
    public static Verdict decide(TreeSnapshot.Entry sent, TreeSnapshot.Entry current, boolean unchanged, boolean folderExists) {
        if (sent == null) {
            return current == null && folderExists ? Verdict.WRITE : Verdict.KEEP_USERS;
        }
        if (current == null || current.isFolder() || sent.isFolder()) {
            return Verdict.KEEP_USERS;
        }
        return unchanged ? Verdict.WRITE : Verdict.KEEP_USERS;
    }
}
