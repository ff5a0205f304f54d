package jp.renkei.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import jp.renkei.hub.app.demo.DemoDirectory;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.fhir.HapiSchemaVersion;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The default installation: embedded PostgreSQL with a persistent data directory under renkei.home. */
class HubRestartIT {

    @TempDir
    Path home;

    @Test
    void dataWrittenBeforeARestartIsThereAfterItAndDemoDataIsNotLoadedTwice() {
        String patientId;
        String token;
        try (ConfigurableApplicationContext hub = start()) {
            token = TestPeople.loggedIn(hub, TestPeople.demoFacilityId(hub, DemoFacility.HOSPITAL), Profession.DOCTOR, false);
            FhirHttp fhir = client(hub).withToken(token);
            Patient patient = new Patient();
            patient.addIdentifier().setSystem("urn:test:restart").setValue("R-1");
            patient.addName().setFamily("永続").addGiven("花子");
            FhirHttp.Response created = fhir.post("/fhir/Patient", patient);
            assertThat(created.status()).isEqualTo(201);
            patientId = created.resource(Patient.class).getIdElement().getIdPart();
            int facilities = hub.getBean(FacilityRegistry.class).list(null, null, null).size();
            assertThat(facilities).as("4 demo facilities, the directory's extra ones and the hub operator")
                    .isEqualTo(5 + DemoDirectory.EXTRA.size());
            assertThat(count(fhir, "Organization")).as("one Organization per registered facility").isEqualTo(facilities);
            assertThat(hub.getBean(HapiSchemaVersion.class).updatedInThisStart())
                    .as("a new database: Hibernate creates HAPI's tables").isTrue();
        }

        try (ConfigurableApplicationContext hub = start()) {
            HapiSchemaVersion schema = hub.getBean(HapiSchemaVersion.class);
            assertThat(schema.isCurrent()).as("the first start recorded HAPI's schema version").isTrue();
            assertThat(schema.updatedInThisStart()).as("the restart skips Hibernate's schema update").isFalse();
            // the session survives the restart too: sessions live in the database, not in the JVM
            FhirHttp fhir = client(hub).withToken(token);
            FhirHttp.Response read = fhir.get("/fhir/Patient/" + patientId);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.resource(Patient.class).getNameFirstRep().getFamily()).isEqualTo("永続");
            assertThat(count(fhir, "Organization")).as("facilities after restart, none twice")
                    .isEqualTo(5 + DemoDirectory.EXTRA.size());
            // counted in the store itself: FHIR searches by a facility only see that facility's patients
            assertThat(hub.getBean(JdbcClient.class).sql(
                    "SELECT count(*) FROM hfj_resource WHERE res_type = 'Patient' AND res_deleted_at IS NULL")
                    .query(Long.class).single())
                    .as("8 demo patients, 4 demo network patients and the one written here").isEqualTo(13);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(RenkeiHubApplication.class).run(
                "--renkei.home=" + home,
                "--server.port=0",
                "--renkei.dicom.port=0",
                "--renkei.fhir.ig-packages=",
                "--renkei.demo.enabled=true");
    }

    private FhirHttp client(ConfigurableApplicationContext hub) {
        return FhirHttp.forHub(((WebServerApplicationContext) hub).getWebServer().getPort(), home);
    }

    private static int count(FhirHttp fhir, String type) {
        return fhir.get("/fhir/" + type + "?_summary=count").resource(Bundle.class).getTotal();
    }
}
