package io.github.kubemaven.transport;

import io.github.kubemaven.transport.CopyOutDecision.Verdict;
import io.github.kubemaven.tree.TreeSnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CopyOutDecisionTest {

    private static final TreeSnapshot.Entry SENT = new TreeSnapshot.Entry("12:1611000000000000000:rw-r--r--", null);
    private static final TreeSnapshot.Entry EDITED = new TreeSnapshot.Entry("15:1611000099000000000:rw-r--r--", null);
    private static final TreeSnapshot.Entry FOLDER = new TreeSnapshot.Entry("dir:rwxr-xr-x", null);

    @Test
    void aNewFileIntoAnExistingFolderIsWritten() {
        assertThat(CopyOutDecision.decide(null, null, false, true)).isEqualTo(Verdict.WRITE);
    }

    @Test
    void aNewFileWhoseFolderIsGoneIsKeptAside() {
        assertThat(CopyOutDecision.decide(null, null, false, false)).isEqualTo(Verdict.KEEP_USERS);
    }

    @Test
    void aFileTheUserCreatedAfterSyncInIsKept() {
        assertThat(CopyOutDecision.decide(null, SENT, false, true)).isEqualTo(Verdict.KEEP_USERS);
    }

    @Test
    void aFileTheUserDeletedAfterSyncInStaysDeleted() {
        assertThat(CopyOutDecision.decide(SENT, null, false, true)).isEqualTo(Verdict.KEEP_USERS);
        assertThat(CopyOutDecision.decide(SENT, null, false, false)).isEqualTo(Verdict.KEEP_USERS);
    }

    @Test
    void anUnchangedFileIsReplaced() {
        assertThat(CopyOutDecision.decide(SENT, SENT, true, true)).isEqualTo(Verdict.WRITE);
    }

    @Test
    void aChangedFileIsKept() {
        assertThat(CopyOutDecision.decide(SENT, EDITED, false, true)).isEqualTo(Verdict.KEEP_USERS);
    }

    @Test
    void aFolderWhereAFileWasIsKept() {
        assertThat(CopyOutDecision.decide(SENT, FOLDER, false, true)).isEqualTo(Verdict.KEEP_USERS);
        assertThat(CopyOutDecision.decide(SENT, FOLDER, true, true)).isEqualTo(Verdict.KEEP_USERS);
    }

    @Test
    void aFileWhereAFolderWasIsKept() {
        assertThat(CopyOutDecision.decide(FOLDER, SENT, true, true)).isEqualTo(Verdict.KEEP_USERS);
        assertThat(CopyOutDecision.decide(FOLDER, FOLDER, true, true)).isEqualTo(Verdict.KEEP_USERS);
    }
}
