package jp.renkei.hub.vpn.site;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A DICOM node of a site as entered; checked by {@link DicomNodes}. */
public record DicomNodeRequest(
        @Schema(description = "AE title: 1-16 of A-Z, 0-9, space, '_', '-'", example = "CHUO_WS1")
        String aeTitle,
        @Schema(description = "IPv4/IPv6 address inside the site's LAN prefixes (no host names)", example = "10.252.1.20")
        String host,
        @Schema(description = "TCP port, 1-65535", example = "104")
        Integer port,
        @Schema(description = "STORE_DESTINATION (accepts C-STORE from the hub: a C-MOVE destination) and/or "
                + "QUERY_RETRIEVE (queries and retrieves from the hub)")
        List<String> accepts) {
}
