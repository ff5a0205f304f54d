package jp.renkei.hub.app.letters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.RawHubHttp;
import jp.renkei.hub.app.support.RawHubHttp.Exchange;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.PurposeOfUse;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.fhir.summary.RequesterSummaries;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Referral letters in the whole hub over HTTPS: the demo hospital's doctor writes to the demo clinic about a patient
 * with a lab result attached, the clinic reads and acknowledges it, the sender follows the status; a third facility
 * gets the 404 of an absent letter; the sender cannot attach what it does not see; a signed JAHIS document from
 * ../shared/testdata/hpki uploaded as a received letter is verified on arrival (hcRole Medical Doctor), a tampered
 * copy is stored as invalid with its reason, a malformed file is refused and nothing is stored.
 */
@HubIntegrationTest
class LettersIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aLetterFromTheHospitalToTheClinicWithTheAttackerPair() throws Exception {
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        String pharmacy = TestPeople.demoFacilityId(context, DemoFacility.PHARMACY);
        RawHubHttp doctor = session(hospital, Profession.DOCTOR);
        RawHubHttp hospitalClerk = session(hospital, Profession.CLERK);
        RawHubHttp clinicDoctor = session(clinic, Profession.DOCTOR);
        RawHubHttp pharmacist = session(pharmacy, Profession.PHARMACIST);
        String eventNumber = demoEventNumber(hospital, "N000001");
        String otherPatient = demoEventNumber(hospital, "N000002");
        String observation = firstObservation(hospital, eventNumber);
        String othersObservation = firstObservation(hospital, otherPatient);

        Map<String, Object> letter = Map.of("recipientFacilityId", clinic, "eventNumber", eventNumber,
                "sections", Map.of("PURPOSE", "糖尿病の継続加療のお願い", "DIAGNOSES", "2型糖尿病",
                        "PRESENT_ILLNESS", "HbA1c 7.8% で経過観察中", "ALLERGIES", "なし"),
                "attachments", List.of(observation));

        Exchange notVisible = api(doctor, "POST", "/api/letters", with(letter, "attachments", List.of(othersObservation)));
        assertThat(notVisible.status()).as(notVisible.brief()).isEqualTo(400);
        assertThat(notVisible.body()).contains("attachments[0]");
        Exchange byClerk = api(hospitalClerk, "POST", "/api/letters", letter);
        assertThat(byClerk.status()).isEqualTo(403);
        Exchange missingPurpose = api(doctor, "POST", "/api/letters", with(letter, "sections", Map.of("DIAGNOSES", "x")));
        assertThat(missingPurpose.status()).isEqualTo(400);
        assertThat(missingPurpose.body()).contains("sections.PURPOSE");
        assertThat(jdbc.sql("SELECT count(*) FROM hub.referral_letter WHERE event_number = :n")
                .param("n", eventNumber.replace("-", "")).query(Long.class).single()).isZero();

        Exchange sent = api(doctor, "POST", "/api/letters", letter);
        assertThat(sent.status()).as(sent.brief()).isEqualTo(201);
        JsonNode created = JSON.readTree(sent.body());
        String id = created.path("id").asText();
        assertThat(created.path("status").asText()).isEqualTo("UNREAD");
        assertThat(created.path("attachments").get(0).path("reference").asText()).isEqualTo(observation);

        Exchange document = doctor.send("GET", "/api/letters/" + id + "/document", null, null);
        assertThat(document.status()).isEqualTo(200);
        JsonNode bundle = JSON.readTree(document.body());
        assertThat(bundle.path("type").asText()).isEqualTo("document");
        JsonNode composition = bundle.path("entry").get(0).path("resource");
        assertThat(composition.path("type").path("coding").get(0).path("code").asText()).isEqualTo("57133-1");
        assertThat(document.body()).contains("糖尿病の継続加療のお願い", "\"code\":\"950\"", "\"code\":\"620\"")
                .doesNotContain("N000001");

        JsonNode inbox = JSON.readTree(api(clinicDoctor, "GET", "/api/letters/inbox", null).body());
        assertThat(inbox.findValuesAsText("id")).contains(id);

        // the attacker pair: a third facility gets exactly what an absent letter gets
        String absent = "/api/letters/" + UUID.randomUUID();
        Exchange foreign = api(pharmacist, "GET", "/api/letters/" + id, null);
        Exchange missing = api(pharmacist, "GET", absent, null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(missing.body().replace(absent, "/api/letters/" + id));
        assertThat(api(pharmacist, "POST", "/api/letters/" + id + "/acknowledgement", null).status()).isEqualTo(404);
        assertThat(api(pharmacist, "GET", "/api/letters/" + id + "/signed-file", null).status()).isEqualTo(404);
        assertThat(JSON.readTree(api(pharmacist, "GET", "/api/letters/inbox", null).body()).findValuesAsText("id"))
                .doesNotContain(id);
        // the sender sees it but does not acknowledge for the recipient
        assertThat(api(doctor, "POST", "/api/letters/" + id + "/acknowledgement", null).status()).isEqualTo(403);

        JsonNode opened = JSON.readTree(api(clinicDoctor, "GET", "/api/letters/" + id, null).body());
        assertThat(opened.path("status").asText()).isEqualTo("READ");
        assertThat(opened.path("sections").path("PURPOSE").path("text").asText()).isEqualTo("糖尿病の継続加療のお願い");
        JsonNode acknowledged = JSON.readTree(api(clinicDoctor, "POST", "/api/letters/" + id + "/acknowledgement",
                null).body());
        assertThat(acknowledged.path("status").asText()).isEqualTo("ACKNOWLEDGED");
        JsonNode sentList = JSON.readTree(api(doctor, "GET", "/api/letters/sent", null).body());
        assertThat(sentList.get(0).path("id").asText()).isEqualTo(id);
        assertThat(sentList.get(0).path("status").asText()).isEqualTo("ACKNOWLEDGED");

        List<String> audited = jdbc.sql("SELECT action || ' ' || outcome || ' ' || facility_id FROM hub.audit_event"
                + " WHERE resource = :letter").param("letter", "ReferralLetter/" + id).query(String.class).list();
        assertThat(audited).contains("CREATE SUCCESS " + hospital, "READ SUCCESS " + clinic,
                "UPDATE SUCCESS " + clinic, "READ DENIED " + pharmacy);
    }

    @Test
    void aSignedLetterFromOutsideIsVerifiedOnArrival() throws Exception {
        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        RawHubHttp clinicDoctor = session(clinic, Profession.DOCTOR);
        RawHubHttp pharmacist = session(TestPeople.demoFacilityId(context, DemoFacility.PHARMACY),
                Profession.PHARMACIST);
        byte[] prescription = HpkiSamples.prescription();
        HpkiSamples.trustTheSignersIssuer();

        Exchange valid = upload(clinicDoctor, "Prescription-004_01.xml", new String(prescription, StandardCharsets.UTF_8));
        assertThat(valid.status()).as(valid.brief()).isEqualTo(201);
        JsonNode signature = JSON.readTree(valid.body()).path("signature");
        assertThat(signature.path("verdict").asText()).isEqualTo("VALID");
        assertThat(signature.path("hcRole").asText()).isEqualTo("Medical Doctor");
        assertThat(signature.path("hcRoleJa").asText()).isEqualTo("医師");
        assertThat(signature.path("signerName").asText()).contains("Sanjushi Kagurazaka");
        String id = JSON.readTree(valid.body()).path("id").asText();
        assertThat(JSON.readTree(api(clinicDoctor, "GET", "/api/letters/" + id, null).body())
                .path("signature").path("verdict").asText()).isEqualTo("VALID");
        assertThat(api(pharmacist, "GET", "/api/letters/" + id, null).status()).isEqualTo(404);
        Exchange file = clinicDoctor.send("GET", "/api/letters/" + id + "/signed-file", null, null, "Accept", "*/*");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Disposition").orElse("")).contains("attachment; filename=\"Prescription-004_01.xml\"");
        assertThat(file.body()).isEqualTo(new String(prescription, StandardCharsets.UTF_8));

        String xml = new String(prescription, StandardCharsets.UTF_8);
        int at = xml.indexOf("<PrescriptionDocument id=\"PrescriptionDocument\">") + 60;
        String tampered = xml.substring(0, at) + (xml.charAt(at) == 'A' ? 'B' : 'A') + xml.substring(at + 1);
        JsonNode invalid = JSON.readTree(upload(clinicDoctor, "tampered.xml", tampered).body()).path("signature");
        assertThat(invalid.path("verdict").asText()).isEqualTo("INVALID");
        assertThat(invalid.path("reason").asText()).isEqualTo("CONTENT_CHANGED");
        assertThat(invalid.path("reasonJa").asText()).isEqualTo("署名後に文書の内容が変更されています");

        long before = jdbc.sql("SELECT count(*) FROM hub.referral_letter").query(Long.class).single();
        Exchange malformed = upload(clinicDoctor, "broken.xml", "<Document>not signed</Document>");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("XAdES, CAdES or PAdES");
        assertThat(jdbc.sql("SELECT count(*) FROM hub.referral_letter").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void theAuthorSignsInTheHubWithAPkcs12KeyHeldForTheRequestOnly() throws Exception {
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        String token = TestPeople.loggedIn(context, hospital, Profession.DOCTOR, false);
        RawHubHttp doctor = RawHubHttp.forPerson("doctor", port, HubIntegrationTest.HOME, token);
        RawHubHttp otherDoctor = session(hospital, Profession.DOCTOR);
        String eventNumber = demoEventNumber(hospital, "N000003");
        Exchange sent = api(doctor, "POST", "/api/letters", Map.of("recipientFacilityId", clinic,
                "eventNumber", eventNumber, "sections", Map.of("PURPOSE", "精査のお願い", "DIAGNOSES", "高血圧症",
                        "PRESENT_ILLNESS", "家庭血圧 160/95")));
        assertThat(sent.status()).as(sent.brief()).isEqualTo(201);
        String id = JSON.readTree(sent.body()).path("id").asText();
        char[] password = "letters-it-p12".toCharArray();
        byte[] p12 = HpkiSamples.ownDoctorKey(password);

        java.net.http.HttpResponse<String> wrong = signRequest(token, id, p12, "wrong-password", "XADES");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("cannot be opened with this password").doesNotContain("wrong-password");
        String otherToken = TestPeople.loggedIn(context, hospital, Profession.DOCTOR, false);
        assertThat(signRequest(otherToken, id, p12, new String(password), "XADES").statusCode()).isEqualTo(403);

        java.net.http.HttpResponse<String> signed = signRequest(token, id, p12, new String(password), "CADES");
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        JsonNode signature = JSON.readTree(signed.body()).path("signature");
        assertThat(signature.path("verdict").asText()).as(signature.toString()).isEqualTo("VALID");
        assertThat(signature.path("format").asText()).isEqualTo("CADES");
        assertThat(signature.path("hcRole").asText()).isEqualTo("Medical Doctor");
        assertThat(signRequest(token, id, p12, new String(password), "XADES").statusCode()).isEqualTo(409);
        assertThat(api(otherDoctor, "GET", "/api/letters/" + id, null).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM hub.audit_event WHERE detail LIKE :p OR detail LIKE :q")
                .param("p", "%letters-it-p12%").param("q", "%wrong-password%").query(Long.class).single()).isZero();
    }

    private java.net.http.HttpResponse<String> signRequest(String token, String id, byte[] p12, String password,
                                                          String format) throws Exception {
        String boundary = "letters-it-" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n" + password
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\n" + format
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"pkcs12\"; filename=\"doctor.p12\""
                + "\r\nContent-Type: application/x-pkcs12\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(p12);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .sslContext(jp.renkei.hub.app.support.FhirHttp.trusting(HubIntegrationTest.HOME.resolve("pki/ca.crt")))
                .build();
        return client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("https://localhost:" + port + "/api/letters/" + id + "/signature"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static Exchange upload(RawHubHttp http, String fileName, String xml) {
        String boundary = "letters-it-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"senderName\"\r\n\r\n"
                + "外部病院 医師\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/xml\r\n\r\n" + xml + "\r\n--" + boundary + "--\r\n";
        return http.send("POST", "/api/letters/received", "multipart/form-data; boundary=" + boundary, body,
                "Accept", "application/json");
    }

    private String demoEventNumber(String facilityId, String localId) {
        return jdbc.sql("SELECT event_number FROM hub.patient_link WHERE facility_id = CAST(:f AS uuid)"
                        + " AND local_patient_id = :l AND status = 'LINKED'")
                .param("f", facilityId).param("l", localId).query(String.class).single();
    }

    /** A lab result of the patient as the hospital's own doctor sees it, read through the consent-gated view. */
    private String firstObservation(String hospital, String eventNumber) {
        Requester requester = new Requester(new HubPrincipal(HubPrincipal.Kind.PERSON, "letters-it", "試験",
                hospital, Set.of(HubRole.DOCTOR)), PurposeOfUse.TREAT);
        return context.getBean(RequesterSummaries.class).page(requester, EventNumber.parse(eventNumber)).data()
                .all(Observation.class).stream().findFirst()
                .map(o -> "Observation/" + o.getIdElement().getIdPart()).orElseThrow();
    }

    private RawHubHttp session(String facilityId, Profession profession) {
        return RawHubHttp.forPerson(profession.name(), port, HubIntegrationTest.HOME,
                TestPeople.loggedIn(context, facilityId, profession, false));
    }

    private static Exchange api(RawHubHttp http, String method, String path, Object body) {
        try {
            return http.send(method, path, body == null ? null : "application/json",
                    body == null ? null : JSON.writeValueAsString(body), "Accept", "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
