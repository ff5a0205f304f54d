package jp.renkei.hub.gateway.mllp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code renkei.gateway.mllp}: the HL7 v2.5 MLLP listener over TLS for gateways that push messages.
 *
 * @param enabled         off unless set
 * @param port            TCP port (0: any free port, for tests)
 * @param maxMessageBytes a larger message closes the connection
 * @param readTimeout     idle time allowed between and within messages, and for the TLS handshake
 * @param maxConnections  connections served at once; more are closed at once
 * @param bindToSite      accept a facility's gateway certificate only from inside its VPN site prefixes (default
 *                        true; docs/security.md)
 * @param allowFacilitiesWithoutSite with binding on, still accept facilities without a VPN site record (default
 *                        false; the demo and the tests turn it on)
 */
@ConfigurationProperties("renkei.gateway.mllp")
public record MllpSettings(boolean enabled, int port, int maxMessageBytes, Duration readTimeout, int maxConnections,
                           Boolean bindToSite, boolean allowFacilitiesWithoutSite) {

    public MllpSettings {
        port = port < 0 ? 2575 : port;
        maxMessageBytes = maxMessageBytes <= 0 ? 4 * 1024 * 1024 : maxMessageBytes;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        maxConnections = maxConnections <= 0 ? 32 : maxConnections;
        bindToSite = bindToSite == null || bindToSite;
    }
}
