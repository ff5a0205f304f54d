package jp.renkei.hub.app.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jp.renkei.hub.app.demo.DemoDataLoader;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.DemoGateways;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.fhir.consent.OwnDataTags;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The consent gate's shortcut for searches ({@code GateConsentInterceptor}) takes a batch as the requester's own data
 * only when the tag tables prove it for every resource, current and not deleted; anything else is loaded and decided
 * one by one as before.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnDataTagsIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    OwnDataTags ownData;
    @Autowired
    DaoRegistry daos;
    @Autowired
    DataSource dataSource;

    String hospitalId;
    String clinicId;
    List<String> hospitalObservations;

    @BeforeAll
    void hospitalData() {
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        FhirHttp hospital = DemoGateways.hospital(port);
        String number = DemoGateways.eventNumberOf(hospital, DemoDataLoader.networkPatient(1));
        FhirHttp.Response found = hospital.get("/fhir/Observation?patient=" + number + "&_count=500");
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        hospitalObservations = found.resource(Bundle.class).getEntry().stream()
                .map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
        assertThat(hospitalObservations).hasSizeGreaterThan(2);
    }

    @Test
    void theSourceFacilitysCurrentDataIsProvablyItsOwnAndNoOneElses() {
        // Not the last one: the other test deletes it (the order of the tests is not fixed).
        List<Long> ids = resourceIds(hospitalObservations.subList(0, hospitalObservations.size() - 1));

        assertThat(ownData.allOwnData(hospitalId, ids)).isTrue();
        assertThat(ownData.allOwnData(clinicId, ids)).isFalse();
        assertThat(ownData.allOwnData(clinicId, ids.subList(0, 1))).isFalse();
        assertThat(ownData.allOwnData(hospitalId, List.of())).as("nothing proves nothing").isFalse();
        assertThat(ownData.allOwnData(hospitalId, List.of(-1L))).as("an unknown resource").isFalse();
    }

    @Test
    void oneForeignOrDeletedResourceInTheBatchMeansItIsNotProven() {
        List<Long> ids = new ArrayList<>(resourceIds(hospitalObservations.subList(0, 2)));
        List<Long> clinicOwn = jdbc().queryForList("""
                select r.res_id from hfj_resource r join hfj_res_tag t on t.res_id = r.res_id
                  join hfj_tag_def d on d.tag_id = t.tag_id
                 where r.res_type = 'Observation' and d.tag_code = ? limit 1""", Long.class, clinicId);
        assertThat(clinicOwn).hasSize(1);
        List<Long> mixed = new ArrayList<>(ids);
        mixed.addAll(clinicOwn);
        assertThat(ownData.allOwnData(hospitalId, mixed)).isFalse();

        String deleted = hospitalObservations.get(hospitalObservations.size() - 1);
        List<Long> withDeleted = resourceIds(List.of(deleted));
        assertThat(ownData.allOwnData(hospitalId, withDeleted)).isTrue();
        daos.getResourceDao("Observation").delete(new IdType("Observation", deleted), new SystemRequestDetails());
        assertThat(ownData.allOwnData(hospitalId, withDeleted)).isFalse();
        ids.addAll(withDeleted);
        assertThat(ownData.allOwnData(hospitalId, ids)).isFalse();
    }

    private List<Long> resourceIds(List<String> observationIds) {
        return observationIds.stream()
                .map(id -> jdbc().queryForObject(
                        "select res_id from hfj_resource where res_type = 'Observation' and fhir_id = ?", Long.class, id))
                .toList();
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }
}
