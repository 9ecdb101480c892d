package io.github.kubemaven.builders.containers;

import io.github.kubemaven.config.SyncSettings;
import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionOpenerTest {

    private final FakeDockerEngine engine = new FakeDockerEngine();

    @Test
    void anEngineElsewhereRefusesBindModeAndThePublishedPortBeforeAnyContainerStarts() {
        engine.onThisMachine = false;
        SyncSettings bind = new SyncSettings(SyncSettings.SyncMode.BIND, null, 0, true, SyncSettings.RsyncTransport.API);
        SyncSettings port = new SyncSettings(SyncSettings.SyncMode.RSYNC, null, 0, true, SyncSettings.RsyncTransport.PORT);
        SyncSettings overApi = new SyncSettings(SyncSettings.SyncMode.RSYNC, null, 0, true, SyncSettings.RsyncTransport.API);
        assertThatThrownBy(() -> SessionOpener.requireReachable(engine, bind)).isInstanceOf(KubeBuildException.class)
                .hasMessageContaining("kube.sync=bind").hasMessageContaining("is not on this machine");
        assertThatThrownBy(() -> SessionOpener.requireReachable(engine, port)).isInstanceOf(KubeBuildException.class)
                .hasMessageContaining("kube.rsyncTransport=port");
        SessionOpener.requireReachable(engine, overApi);
        engine.onThisMachine = true;
        SessionOpener.requireReachable(engine, bind);
        SessionOpener.requireReachable(engine, port);
        assertThat(engine.operations).isEmpty();
    }
}
