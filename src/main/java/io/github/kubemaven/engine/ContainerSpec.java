package io.github.kubemaven.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to create a container from. Built with {@link #builder(String, String)}.
 */
public record ContainerSpec(
        String name,
        String image,
        String user,
        String hostname,
        List<String> environment,
        List<String> command,
        Map<String, String> labels,
        List<String> volumesFrom,
        Map<String, String> volumeMounts,
        Map<String, String> bindMounts,
        Integer publishedPort,
        String publishHostIp,
        Integer publishHostPort,
        boolean tty,
        boolean stdin,
        boolean leased,
        Long nanoCpus,
        Long memoryBytes,
        java.util.Set<String> readOnlyPaths) {

    public static Builder builder(String name, String image) {
        return new Builder(name, image);
    }

    public static final class Builder {
        private final String name;
        private final String image;
        private String user;
        private String hostname;
        private final List<String> environment = new ArrayList<>();
        private final List<String> command = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<String> volumesFrom = new ArrayList<>();
        private final Map<String, String> volumeMounts = new LinkedHashMap<>();
        private final Map<String, String> bindMounts = new LinkedHashMap<>();
        private Integer publishedPort;
        private String publishHostIp;
        private Integer publishHostPort;
        private boolean tty;
        private boolean stdin;
        private boolean leased;
        private Long nanoCpus;
        private Long memoryBytes;
        private final java.util.Set<String> readOnlyPaths = new java.util.LinkedHashSet<>();

        private Builder(String name, String image) {
            this.name = name;
            this.image = image;
        }

        public Builder user(String value) {
            this.user = value;
            return this;
        }

        public Builder hostname(String value) {
            this.hostname = value;
            return this;
        }

        public Builder environment(List<String> values) {
            environment.addAll(values);
            return this;
        }

        public Builder command(List<String> values) {
            command.addAll(values);
            return this;
        }

        public Builder labels(Map<String, String> values) {
            labels.putAll(values);
            return this;
        }

        public Builder volumesFrom(String container) {
            volumesFrom.add(container);
            return this;
        }

        /** Mounts the named volume at {@code containerPath}. */
        public Builder volume(String volumeName, String containerPath) {
            volumeMounts.put(volumeName, containerPath);
            return this;
        }

        /** Mounts the named volume at {@code containerPath}, where the container can read it but not write it. */
        public Builder readOnlyVolume(String volumeName, String containerPath) {
            volumeMounts.put(volumeName, containerPath);
            readOnlyPaths.add(containerPath);
            return this;
        }

        /** Mounts a host directory at {@code containerPath}. */
        public Builder bind(String hostPath, String containerPath) {
            bindMounts.put(hostPath, containerPath);
            return this;
        }

        /** Publishes {@code containerPort} on {@code hostIp}, at {@code hostPort} or an ephemeral port when null. */
        public Builder publish(int containerPort, String hostIp, Integer hostPort) {
            this.publishedPort = containerPort;
            this.publishHostIp = hostIp;
            this.publishHostPort = hostPort;
            return this;
        }

        public Builder interactive(boolean withTty) {
            this.stdin = true;
            this.tty = withTty;
            return this;
        }

        /**
         * Runs {@code values} under the engine's init process with a {@link ContainerLease}: the container stops
         * itself when the run that started it stops renewing the lease.
         */
        public Builder leasedCommand(List<String> values) {
            command.addAll(ContainerLease.wrap(values));
            this.leased = true;
            return this;
        }

        /** At most this many CPUs, in billionths (Docker's {@code NanoCPUs}); null for no limit. */
        public Builder nanoCpus(Long value) {
            this.nanoCpus = value;
            return this;
        }

        /** At most this many bytes of memory (Docker's {@code Memory}, a pod's memory limit); null for no limit. */
        public Builder memoryBytes(Long value) {
            this.memoryBytes = value;
            return this;
        }

        public ContainerSpec build() {
            return new ContainerSpec(name, image, user, hostname, List.copyOf(environment), List.copyOf(command),
                    Map.copyOf(labels), List.copyOf(volumesFrom), Map.copyOf(volumeMounts), Map.copyOf(bindMounts),
                    publishedPort, publishHostIp, publishHostPort, tty, stdin, leased, nanoCpus, memoryBytes, java.util.Set.copyOf(readOnlyPaths));
        }
    }
}
