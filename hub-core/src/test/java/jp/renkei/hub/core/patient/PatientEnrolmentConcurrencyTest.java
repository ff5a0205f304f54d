package jp.renkei.hub.core.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.testsupport.HubCoreTest;
import jp.renkei.hub.core.testsupport.TestFacilities;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@HubCoreTest
class PatientEnrolmentConcurrencyTest {

    private static final int ENROLMENTS = 10_000;
    private static final int THREADS = 8;

    @Autowired
    PatientEnrolment enrolment;

    @Autowired
    FacilityRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @Test
    void tenThousandConcurrentEnrolmentsGetTenThousandDistinctValidNumbers() throws Exception {
        String facility = TestFacilities.active(registry);
        HubPrincipal gateway = PatientFixtures.clerk(facility);
        List<Callable<List<EventNumber>>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(() -> {
                List<EventNumber> issued = new ArrayList<>();
                for (int i = thread; i < ENROLMENTS; i += THREADS) {
                    Enrolment result = enrolment.enrol(facility, "P" + i, gateway);
                    assertThat(result.created()).isTrue();
                    issued.add(result.eventNumber());
                }
                return issued;
            });
        }
        List<EventNumber> all = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (Future<List<EventNumber>> future : pool.invokeAll(workers)) {
                all.addAll(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        Set<EventNumber> distinct = new HashSet<>(all);
        assertThat(all).hasSize(ENROLMENTS);
        assertThat(distinct).hasSize(ENROLMENTS);
        // Each number re-checked from its digits: format and check digit.
        all.forEach(number -> assertThat(EventNumber.parse(number.digits())).isEqualTo(number));
        assertThat(jdbc.sql("SELECT count(DISTINCT event_number) FROM hub.patient_link WHERE facility_id = :f::uuid"
                        + " AND status = 'LINKED'")
                .param("f", facility).query(Integer.class).single()).isEqualTo(ENROLMENTS);
        assertThat(jdbc.sql("SELECT count(*) FROM hub.event_number WHERE created_facility = :f::uuid")
                .param("f", facility).query(Integer.class).single()).isEqualTo(ENROLMENTS);
    }
}
