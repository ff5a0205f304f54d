package jp.renkei.hub.core.cluster;

import java.lang.management.ManagementFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This hub process's name among the nodes sharing the database: {@code renkei.cluster.node-name}, or the JVM's
 * {@code pid@host}, which differs between two processes on one machine as well.
 */
@Component
public class ClusterNode {

    private final String name;

    ClusterNode(@Value("${renkei.cluster.node-name:}") String configured) {
        this.name = configured.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : configured.strip();
    }

    public static ClusterNode named(String name) {
        return new ClusterNode(name);
    }

    public String name() {
        return name;
    }
}
