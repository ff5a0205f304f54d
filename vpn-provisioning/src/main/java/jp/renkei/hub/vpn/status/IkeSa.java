package jp.renkei.hub.vpn.status;

/**
 * One IKE SA as {@code swanctl --list-sas} shows it, with the byte counters of its CHILD SAs summed.
 *
 * @param state                ESTABLISHED, CONNECTING, …
 * @param establishedSecondsAgo seconds since it was established; null while connecting
 */
public record IkeSa(String connection, String state, Long establishedSecondsAgo, long bytesIn, long bytesOut,
                    int installedChildren) {
}
