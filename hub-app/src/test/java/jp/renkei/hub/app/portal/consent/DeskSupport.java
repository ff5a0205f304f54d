package jp.renkei.hub.app.portal.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.context.ApplicationContext;

/** What the consent desk and break-glass tests share: logged-in browsers, multipart forms, fresh patients. */
public final class DeskSupport {

    /** The smallest PNG header the registry recognises (it reads the type from the first bytes). */
    public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};
    public static final byte[] PDF = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.US_ASCII);

    private final ApplicationContext context;
    private final int port;

    public DeskSupport(ApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    public static Map<String, String> form(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    /** A new person of the facility, logged in to the portal with password and two-factor code. */
    public PortalBrowser loggedIn(String facilityId, Profession profession) {
        boolean admin = profession == Profession.FACILITY_ADMIN;
        TestPeople.Person person = TestPeople.person(context, facilityId, profession, admin, true);
        PortalBrowser browser = PortalBrowser.forHub(port, HubIntegrationTest.HOME);
        Page login = browser.get("/portal/login");
        Page totp = browser.post("/portal/login", form("_csrf", login.csrfToken(), "login", person.login(),
                "password", TestPeople.PASSWORD));
        Page done = browser.post("/portal/login/totp", form("_csrf", totp.csrfToken(),
                "pendingKey", totp.field("pendingKey"),
                "totp", context.getBean(TotpCodes.class).codeAt(person.totpSecret(), Instant.now())));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        return browser;
    }

    /** One part of a multipart form: a field, or a file when {@code content} is given. */
    public record Part(String name, String value, String fileName, byte[] content) {

        public static Part field(String name, String value) {
            return new Part(name, value, null, null);
        }

        public static Part file(String name, String fileName, byte[] content) {
            return new Part(name, null, fileName, content);
        }
    }

    /** POSTs a multipart form with the CSRF token of {@code page}. */
    public static Page postMultipart(PortalBrowser browser, String path, Page page, List<Part> parts) {
        String boundary = "----desk" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<Part> all = new java.util.ArrayList<>();
        all.add(Part.field("_csrf", page.csrfToken()));
        all.addAll(parts);
        for (Part part : all) {
            write(body, "--" + boundary + "\r\n");
            if (part.content() == null) {
                write(body, "Content-Disposition: form-data; name=\"" + part.name() + "\"\r\n\r\n" + part.value()
                        + "\r\n");
            } else {
                write(body, "Content-Disposition: form-data; name=\"" + part.name() + "\"; filename=\""
                        + part.fileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
                body.writeBytes(part.content());
                write(body, "\r\n");
            }
        }
        write(body, "--" + boundary + "--\r\n");
        return browser.post(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The page's {@code <main>}: what differs between pages apart from per-request tokens. */
    public static String main(Page page) {
        String body = page.body();
        int start = body.indexOf("<main");
        int end = body.indexOf("</main>");
        assertThat(start).as(body).isNotNegative();
        return body.substring(start, end);
    }

    /** The consent's ID in a redirect to its page. */
    public static UUID consentId(Page redirect) {
        String location = redirect.header("Location").orElseThrow();
        String id = location.replaceAll(".*/c/([0-9a-f-]{36}).*", "$1");
        return UUID.fromString(id);
    }

    /**
     * A new hospital patient with a diagnosis (written by the hospital's gateway), enrolled by the hospital, and
     * no consent: the number once the hospital's FHIR Patient carries it.
     */
    public EventNumber hospitalPatientWithDiagnosis(String localId, String diagnosisText) throws InterruptedException {
        java.nio.file.Path demo = HubIntegrationTest.HOME.resolve("demo");
        FhirHttp hospital = FhirHttp.forDevice(port, HubIntegrationTest.HOME, demo.resolve("hospital-gateway.key"),
                demo.resolve("hospital-gateway.crt"));
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code()))
                .setValue(localId);
        patient.addName().setFamily("窓口").addGiven("試子");
        FhirHttp.Response created = hospital.post("/fhir/Patient", patient);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Condition diagnosis = new Condition();
        diagnosis.setSubject(new Reference("Patient/" + created.resource(Patient.class).getIdElement().getIdPart()));
        diagnosis.getCode().setText(diagnosisText);
        assertThat(hospital.post("/fhir/Condition", diagnosis).status()).isEqualTo(201);
        String hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        EventNumber number = context.getBean(PatientEnrolment.class).enrol(hospitalId, localId,
                new HubPrincipal(HubPrincipal.Kind.PERSON, "desk-test", "試験", hospitalId, java.util.Set.of(HubRole.CLERK)))
                .eventNumber();
        Thread.sleep(500); // the event number reaches the hospital's Patient after the enrolment commits
        return number;
    }

    public static String newLocalId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public static String newCardNumber() {
        return "DESK" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }
}
