package jp.renkei.hub.app.dicom;

import static jp.renkei.hub.app.dicom.DicomFixtures.HUB_AE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.dicom.net.Pdu;
import jp.renkei.hub.dicom.server.DicomBridgeConfig;
import jp.renkei.hub.vpn.site.IpPrefix;
import jp.renkei.hub.vpn.site.Sites;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * AE titles are not credentials: the demo hospital's site is the loopback host 127.0.0.1 (and ::1), so an
 * association claiming its PACS's AE title is accepted from 127.0.0.1 and rejected (A-ASSOCIATE-RJ, calling AE
 * title not recognized) and audited from 127.0.0.2, which is just as local but outside the site's prefixes.
 */
@HubIntegrationTest
class DicomSiteBindingIT {

    private static final String PACS = DemoFacility.HOSPITAL.aeTitles().get(0);

    @Autowired
    ApplicationContext context;
    @Autowired
    DicomBridgeConfig.DicomListener listener;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theHospitalsAeTitleCountsOnlyFromInsideItsSitePrefixes() throws Exception {
        String hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        assertThat(context.getBean(Sites.class).find(hospitalId).orElseThrow().lanPrefixes())
                .extracting(IpPrefix::toString).contains("127.0.0.1/32").doesNotContain("127.0.0.0/8");
        long before = jdbc.sql("SELECT coalesce(max(seq), 0) FROM hub.audit_event").query(Long.class).single();

        assertThat(associate("127.0.0.2")).isEqualTo(new Pdu.AssociateReject(1, 1, 3));
        assertThat(associate("127.0.0.1")).isInstanceOf(Pdu.AssociateAccept.class);

        List<String> audited = jdbc.sql("SELECT outcome || ' ' || source_ip || ' ' || detail FROM hub.audit_event"
                        + " WHERE seq > :before AND resource = :resource ORDER BY seq")
                .param("before", before).param("resource", "DICOM association " + PACS + " -> " + HUB_AE)
                .query(String.class).list();
        assertThat(audited).containsExactly(
                "DENIED 127.0.0.2 calling AE title '" + PACS + "' is bound to its facility's site: 127.0.0.2 is outside"
                        + " the VPN site prefixes of facility " + hospitalId + " "
                        + context.getBean(Sites.class).find(hospitalId).orElseThrow().lanPrefixes().stream()
                        .map(p -> p.network().getHostAddress() + "/" + p.length()).toList(),
                "SUCCESS 127.0.0.1 accepted");
    }

    /** A-ASSOCIATE-RQ for Verification as the hospital's PACS from {@code source}; the hub's answer. */
    private Pdu associate(String source) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), listener.port()), 5000);
            return DicomFixtures.askVerification(socket, PACS, "BINDIT");
        }
    }
}
