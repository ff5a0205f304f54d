package jp.renkei.hub.dicom.server;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the DICOM bridge ({@code renkei.dicom.*}); see docs/configuration.md.
 *
 * @param enabled            whether the DICOM listener runs
 * @param aeTitle            the hub's AE title: the called AE title facilities must use
 * @param port               TCP port of the listener (0 = any free port)
 * @param bindAddress        interface to listen on (empty = all; in production the VPN interface)
 * @param storageRoot        directory of the file object store; empty = {@code ${renkei.home}/dicom}
 * @param maxPduLength       largest P-DATA-TF PDU received and sent
 * @param associationTimeout time allowed for the association request after connecting (ARTIM)
 * @param idleTimeout        silence after which an association is aborted
 * @param maxAssociations    associations served at once
 * @param bindAeToSite       accept an association claiming a facility's AE title only from inside that
 *                           facility's VPN site prefixes (docs/security.md)
 * @param allowFacilitiesWithoutSite with binding on, still admit facilities that have no VPN site record
 *                           (refused by default; the demo and the tests turn it on)
 * @param tls                the DICOM TLS listener beside the plain one
 */
@ConfigurationProperties("renkei.dicom")
public record DicomProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("RENKEIHUB") String aeTitle,
        @DefaultValue("11112") int port,
        @DefaultValue("") String bindAddress,
        @DefaultValue("") String storageRoot,
        @DefaultValue("131072") int maxPduLength,
        @DefaultValue("10s") Duration associationTimeout,
        @DefaultValue("60s") Duration idleTimeout,
        @DefaultValue("50") int maxAssociations,
        @DefaultValue("true") boolean bindAeToSite,
        @DefaultValue("false") boolean allowFacilitiesWithoutSite,
        @DefaultValue Tls tls) {

    /**
     * The DICOM TLS listener ({@code renkei.dicom.tls.*}): the hub's key and CA (SSL bundle {@code hub}), client
     * certificates required; an AE title counts over it with a device certificate of its own facility.
     *
     * @param enabled whether it runs (off by default)
     * @param port    its TCP port (0 = any free port; 2762 is DICOM's registered port for TLS)
     */
    public record Tls(@DefaultValue("false") boolean enabled, @DefaultValue("2762") int port) {
    }
}
