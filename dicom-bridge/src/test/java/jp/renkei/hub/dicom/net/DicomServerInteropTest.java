package jp.renkei.hub.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import jp.renkei.hub.dicom.echo.EchoService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The network layer against DCMTK: negotiation, C-ECHO, rejection by called and calling AE, release. */
class DicomServerInteropTest {

    DicomServer server;

    @BeforeEach
    void start() throws Exception {
        AssociationPolicy policy = new AssociationPolicy() {
            @Override
            public Admission admit(AssociationRequester requester) {
                String called = requester.calledAeTitle();
                String calling = requester.callingAeTitle();
                if (!"TESTHUB".equals(called)) {
                    return Admission.reject(Rejection.calledAeNotRecognized("called " + called));
                }
                if (!"KNOWN".equals(calling)) {
                    return Admission.reject(Rejection.callingAeNotRecognized(Rejection.PERMANENT, "calling " + calling));
                }
                return Admission.accept(calling);
            }
        };
        server = new DicomServer(new DicomServerSettings("TESTHUB", "127.0.0.1", 0, 16384, Duration.ofSeconds(5),
                Duration.ofSeconds(5), 4), policy, List.of(new EchoService()));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(1000);
    }

    @Test
    void echoscuGetsSuccess() throws Exception {
        Dcmtk.assumeInstalled("echoscu");
        Dcmtk.Result result = Dcmtk.run("echoscu", "-v", "-aet", "KNOWN", "-aec", "TESTHUB", "127.0.0.1",
                Integer.toString(server.port()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Received Echo Response (Success)");
    }

    @Test
    void unknownCallingAeIsRejectedWithReason3() throws Exception {
        Dcmtk.assumeInstalled("echoscu");
        Dcmtk.Result result = Dcmtk.run("echoscu", "-aet", "STRANGER", "-aec", "TESTHUB", "127.0.0.1",
                Integer.toString(server.port()));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("Calling AE Title Not Recognized");
    }

    @Test
    void wrongCalledAeIsRejectedWithReason7() throws Exception {
        Dcmtk.assumeInstalled("echoscu");
        Dcmtk.Result result = Dcmtk.run("echoscu", "-aet", "KNOWN", "-aec", "ELSEWHERE", "127.0.0.1",
                Integer.toString(server.port()));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("Called AE Title Not Recognized");
    }
}
