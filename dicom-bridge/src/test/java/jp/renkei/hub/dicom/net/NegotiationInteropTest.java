package jp.renkei.hub.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jp.renkei.hub.dicom.encoding.TransferSyntax;
import org.junit.jupiter.api.Test;

/** Storage presentation contexts with storescu: a compressed file travels in its own transfer syntax. */
class NegotiationInteropTest {

    @Test
    void storescuSendsAJpegFileInItsOwnSyntax() throws Exception {
        Dcmtk.assumeInstalled("storescu");
        Dcmtk.assumeInstalled("img2dcm");
        List<String> received = new CopyOnWriteArrayList<>();
        DimseService storage = new DimseService() {
            @Override
            public boolean provides(String abstractSyntax) {
                return abstractSyntax.startsWith("1.2.840.10008.5.1.4.1.1.");
            }

            @Override
            public boolean accepts(String abstractSyntax, TransferSyntax syntax) {
                return true;
            }

            @Override
            public void handle(Association association, PresentationContext context, Dimse.Command command,
                               InputStream dataSet) throws java.io.IOException {
                received.add(context.transferSyntax().uid() + " " + dataSet.readAllBytes().length);
                association.respond(context, command, Dimse.SUCCESS, null, null);
            }
        };
        AssociationPolicy anyone = requester -> AssociationPolicy.Admission.accept(requester.callingAeTitle());
        DicomServer server = new DicomServer(new DicomServerSettings("TESTHUB", "127.0.0.1", 0, 16384,
                Duration.ofSeconds(5), Duration.ofSeconds(5), 4), anyone, List.of(storage));
        server.start();
        try {
            Path dir = Files.createTempDirectory("negotiation");
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(16, 16,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            javax.imageio.ImageIO.write(image, "jpg", dir.resolve("a.jpg").toFile());
            Dcmtk.Result made = Dcmtk.run("img2dcm", dir.resolve("a.jpg").toString(), dir.resolve("a.dcm").toString());
            assertThat(made.exitCode()).as(made.output()).isZero();
            Dcmtk.Result sent = Dcmtk.run("storescu", "-xy", "-aet", "PACS", "-aec", "TESTHUB", "127.0.0.1",
                    Integer.toString(server.port()), dir.resolve("a.dcm").toString());
            assertThat(sent.exitCode()).as(sent.output()).isZero();
            assertThat(received).hasSize(1);
            assertThat(received.get(0)).startsWith(TransferSyntax.JPEG_BASELINE.uid() + " ");
        } finally {
            server.stop(1000);
        }
    }
}
