package jp.renkei.hub.core.facility;

import static jp.renkei.hub.core.facility.FacilityStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jp.renkei.hub.core.testsupport.HubCoreTest;
import jp.renkei.hub.core.web.ApiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@HubCoreTest
class FacilityRegistryTest {

    @Autowired
    FacilityRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ApplicationEventMulticaster multicaster;

    private final List<ApplicationListener<?>> listeners = new CopyOnWriteArrayList<>();

    @AfterEach
    void removeListeners() {
        listeners.forEach(multicaster::removeApplicationListener);
    }

    @Test
    void aFacilityWalksEveryAllowedTransitionAndTheHistoryRecordsWhoWhenAndWhy() {
        Instant before = Instant.now();
        Facility facility = registry.apply(FacilityFixtures.hospital(), "applicant-1");
        assertThat(facility.status()).isEqualTo(APPLIED);

        registry.changeStatus(facility.id(), APPROVED, null, "hub-admin-1");
        registry.changeStatus(facility.id(), ACTIVE, "  接続試験完了  ", "hub-admin-2");
        registry.changeStatus(facility.id(), SUSPENDED, "VPN 証明書の失効", "hub-admin-3");
        registry.changeStatus(facility.id(), ACTIVE, "証明書を更新", "hub-admin-4");
        Facility withdrawn = registry.changeStatus(facility.id(), WITHDRAWN, "閉院", "hub-admin-5");
        Instant after = Instant.now();

        assertThat(withdrawn.status()).isEqualTo(WITHDRAWN);
        assertThat(withdrawn.updatedBy()).isEqualTo("hub-admin-5");
        assertThat(registry.find(facility.id())).contains(withdrawn);
        List<FacilityStatusChange> history = registry.history(facility.id());
        assertThat(history).extracting(FacilityStatusChange::from, FacilityStatusChange::to,
                        FacilityStatusChange::reason, FacilityStatusChange::actorId)
                .containsExactly(
                        tuple(null, APPLIED, null, "applicant-1"),
                        tuple(APPLIED, APPROVED, null, "hub-admin-1"),
                        tuple(APPROVED, ACTIVE, "接続試験完了", "hub-admin-2"),
                        tuple(ACTIVE, SUSPENDED, "VPN 証明書の失効", "hub-admin-3"),
                        tuple(SUSPENDED, ACTIVE, "証明書を更新", "hub-admin-4"),
                        tuple(ACTIVE, WITHDRAWN, "閉院", "hub-admin-5"));
        assertThat(history).extracting(FacilityStatusChange::changedAt)
                .allSatisfy(at -> assertThat(at).isBetween(before, after))
                .isSorted();
        assertThat(history.get(history.size() - 1).changedAt()).isEqualTo(withdrawn.updatedAt());
    }

    @Test
    void aFacilityMayWithdrawFromAppliedApprovedAndSuspended() {
        for (List<FacilityStatus> path : List.of(
                List.of(WITHDRAWN),
                List.of(APPROVED, WITHDRAWN),
                List.of(APPROVED, ACTIVE, SUSPENDED, WITHDRAWN))) {
            Facility facility = registry.apply(FacilityFixtures.hospital(), "applicant");
            for (FacilityStatus target : path) {
                facility = registry.changeStatus(facility.id(), target, "理由", "hub-admin");
            }
            assertThat(facility.status()).as("via %s", path).isEqualTo(WITHDRAWN);
            assertThat(registry.history(facility.id())).hasSize(path.size() + 1);
        }
    }

    @Test
    void changesOutsideTheLifecycleAreConflictsNamingTheAllowedTargetsAndChangeNothing() {
        Facility applied = registry.apply(FacilityFixtures.hospital(), "applicant");
        assertRefused(() -> registry.changeStatus(applied.id(), ACTIVE, null, "hub-admin"), HttpStatus.CONFLICT,
                "cannot change from APPLIED to ACTIVE; allowed from APPLIED: APPROVED, WITHDRAWN");
        assertRefused(() -> registry.changeStatus(applied.id(), SUSPENDED, "理由", "hub-admin"), HttpStatus.CONFLICT,
                "cannot change from APPLIED to SUSPENDED; allowed from APPLIED: APPROVED, WITHDRAWN");
        assertRefused(() -> registry.changeStatus(applied.id(), APPLIED, null, "hub-admin"), HttpStatus.CONFLICT,
                "cannot change from APPLIED to APPLIED; allowed from APPLIED: APPROVED, WITHDRAWN");

        registry.changeStatus(applied.id(), APPROVED, null, "hub-admin");
        Facility active = registry.changeStatus(applied.id(), ACTIVE, null, "hub-admin");
        assertRefused(() -> registry.changeStatus(active.id(), APPROVED, null, "hub-admin"), HttpStatus.CONFLICT,
                "cannot change from ACTIVE to APPROVED; allowed from ACTIVE: SUSPENDED, WITHDRAWN");

        registry.changeStatus(active.id(), WITHDRAWN, "閉院", "hub-admin");
        List<Integer> rows = FacilityFixtures.rowCounts(jdbc);
        assertRefused(() -> registry.changeStatus(active.id(), ACTIVE, null, "hub-admin"), HttpStatus.CONFLICT,
                "cannot change from WITHDRAWN to ACTIVE; allowed from WITHDRAWN: none (WITHDRAWN is final)");
        assertThat(FacilityFixtures.rowCounts(jdbc)).isEqualTo(rows);
        assertThat(registry.find(active.id()).orElseThrow().status()).isEqualTo(WITHDRAWN);
    }

    @Test
    void suspensionAndWithdrawalNeedAReason() {
        Facility facility = active(FacilityFixtures.hospital());
        List<Integer> rows = FacilityFixtures.rowCounts(jdbc);

        assertRefused(() -> registry.changeStatus(facility.id(), SUSPENDED, null, "hub-admin"),
                HttpStatus.BAD_REQUEST, "reason: must be given to change the status to SUSPENDED");
        assertRefused(() -> registry.changeStatus(facility.id(), WITHDRAWN, " \u3000 ", "hub-admin"),
                HttpStatus.BAD_REQUEST, "reason: must be given to change the status to WITHDRAWN");
        assertRefused(() -> registry.changeStatus(facility.id(), WITHDRAWN, "長".repeat(1001), "hub-admin"),
                HttpStatus.BAD_REQUEST, "reason: must be at most 1000 characters");

        assertThat(FacilityFixtures.rowCounts(jdbc)).isEqualTo(rows);
        assertThat(registry.find(facility.id()).orElseThrow().status()).isEqualTo(ACTIVE);
    }

    @Test
    void aTakenCodeIsAConflictAndNothingIsSaved() {
        FacilityApplication first = FacilityFixtures.hospital();
        Facility holder = registry.apply(first, "applicant");
        FacilityApplication second = new FacilityApplication(FacilityKind.CLINIC, first.medicalInstitutionCode(),
                FacilityFixtures.details("別の医院", FacilityFixtures.region(), FacilityFixtures.aeTitle()));
        List<Integer> rows = FacilityFixtures.rowCounts(jdbc);

        assertRefused(() -> registry.apply(second, "applicant"), HttpStatus.CONFLICT,
                "medical-institution code " + first.medicalInstitutionCode() + " is already registered to facility "
                        + first.details().name() + " (" + holder.id() + ")");
        assertThat(FacilityFixtures.rowCounts(jdbc)).isEqualTo(rows);
    }

    @Test
    void aTakenAeTitleIsAConflictOnApplicationAndOnUpdateAndNothingIsSaved() {
        String taken = FacilityFixtures.aeTitle();
        Facility holder = registry.apply(FacilityFixtures.hospital(taken), "applicant");
        Facility other = registry.apply(FacilityFixtures.hospital(), "applicant");
        List<Integer> rows = FacilityFixtures.rowCounts(jdbc);
        String message = "AE title '" + taken + "' is already used by facility " + holder.details().name()
                + " (" + holder.id() + ")";

        assertRefused(() -> registry.apply(FacilityFixtures.hospital(FacilityFixtures.aeTitle(), taken), "applicant"),
                HttpStatus.CONFLICT, message);
        assertRefused(() -> registry.updateDetails(other.id(),
                FacilityFixtures.details("改名", other.details().region(), taken), "hub-admin"),
                HttpStatus.CONFLICT, message);

        assertThat(FacilityFixtures.rowCounts(jdbc)).isEqualTo(rows);
        assertThat(registry.find(other.id())).contains(other);
    }

    @Test
    void updatingDetailsReplacesThemAndKeepsKindCodeAndStatus() {
        String kept = FacilityFixtures.aeTitle();
        Facility facility = registry.apply(FacilityFixtures.hospital(kept, FacilityFixtures.aeTitle()), "applicant");
        String added = FacilityFixtures.aeTitle();
        FacilityDetails changed = new FacilityDetails("新しい名称", "アタラシイ　メイショウ",
                new PostalAddress("963-8001", "福島県", "郡山市", "大町3-3"), "県中",
                new FacilityContact("024-000-0003", null), List.of(new AeTitle(added), new AeTitle(kept)));

        Facility updated = registry.updateDetails(facility.id(), changed, "facility-admin-9");

        assertThat(updated.details()).isEqualTo(changed);
        assertThat(updated.kind()).isEqualTo(facility.kind());
        assertThat(updated.medicalInstitutionCode()).isEqualTo(facility.medicalInstitutionCode());
        assertThat(updated.status()).isEqualTo(APPLIED);
        assertThat(updated.createdAt()).isEqualTo(facility.createdAt());
        assertThat(updated.updatedAt()).isAfterOrEqualTo(facility.updatedAt());
        assertThat(updated.updatedBy()).isEqualTo("facility-admin-9");
        assertThat(registry.find(facility.id())).contains(updated);
        assertThat(registry.history(facility.id())).hasSize(1);
    }

    @Test
    void aWithdrawnFacilityKeepsItsDetails() {
        Facility facility = registry.apply(FacilityFixtures.hospital(), "applicant");
        registry.changeStatus(facility.id(), WITHDRAWN, "申請取り下げ", "applicant");

        assertRefused(() -> registry.updateDetails(facility.id(), FacilityFixtures.details("改名", "県北"), "hub-admin"),
                HttpStatus.CONFLICT, "has withdrawn; its details can no longer be changed");
    }

    @Test
    void unknownFacilitiesAreNotFound() {
        String unknown = "0b6f6a9e-3c1d-4e7a-9f51-2d8c4b7a6e10";
        for (String id : List.of(unknown, "not-a-uuid", "1-1-1-1-1")) {
            assertThat(registry.find(id)).isEmpty();
            assertRefused(() -> registry.history(id), HttpStatus.NOT_FOUND, "facility " + id + " not found");
            assertRefused(() -> registry.changeStatus(id, APPROVED, null, "hub-admin"), HttpStatus.NOT_FOUND,
                    "facility " + id + " not found");
            assertRefused(() -> registry.updateDetails(id, FacilityFixtures.details("名称", "県北"), "hub-admin"),
                    HttpStatus.NOT_FOUND, "facility " + id + " not found");
        }
    }

    @Test
    void listingFiltersByStatusKindAndRegion() {
        String region = FacilityFixtures.region();
        Facility office = registry.apply(FacilityFixtures.careOffice(region), "applicant");
        Facility hospital = registry.apply(new FacilityApplication(FacilityKind.HOSPITAL,
                new MedicalInstitutionCode(FacilityFixtures.code('1')),
                FacilityFixtures.details("地域の病院", region)), "applicant");
        active(hospital);

        assertThat(registry.list(null, null, region)).extracting(Facility::id)
                .containsExactlyInAnyOrder(office.id(), hospital.id());
        assertThat(registry.list(ACTIVE, null, region)).extracting(Facility::id).containsExactly(hospital.id());
        assertThat(registry.list(null, FacilityKind.CARE_MANAGEMENT_OFFICE, region)).extracting(Facility::id)
                .containsExactly(office.id());
        assertThat(registry.list(ACTIVE, FacilityKind.CARE_MANAGEMENT_OFFICE, region)).isEmpty();
        assertThat(registry.list(APPLIED, FacilityKind.CARE_MANAGEMENT_OFFICE, null)).extracting(Facility::id)
                .contains(office.id()).doesNotContain(hospital.id());
        assertThat(registry.find(office.id()).orElseThrow().medicalInstitutionCode()).isNull();
    }

    @Test
    void facilityChangedIsPublishedOnlyOnceTheTransactionHasCommitted() {
        List<FacilityChanged> events = recordEvents();
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        Facility facility = transaction.execute(status -> {
            Facility applied = registry.apply(FacilityFixtures.hospital(), "applicant");
            Facility approved = registry.changeStatus(applied.id(), APPROVED, null, "hub-admin");
            assertThat(events).as("nothing is published before the commit").isEmpty();
            return approved;
        });

        assertThat(events).extracting(e -> e.facility().status()).containsExactly(APPLIED, APPROVED);
        assertThat(events.get(1).facility()).isEqualTo(facility);
        events.clear();
        registry.updateDetails(facility.id(), FacilityFixtures.details("改名後", "県北"), "hub-admin");
        assertThat(events).extracting(e -> e.facility().details().name()).containsExactly("改名後");
    }

    @Test
    void facilityChangedIsNotPublishedWhenTheTransactionRollsBack() {
        List<FacilityChanged> events = recordEvents();
        List<Integer> rows = FacilityFixtures.rowCounts(jdbc);

        String id = new TransactionTemplate(transactions).execute(status -> {
            Facility applied = registry.apply(FacilityFixtures.hospital(FacilityFixtures.aeTitle()), "applicant");
            status.setRollbackOnly();
            return applied.id();
        });

        assertThat(events).isEmpty();
        assertThat(registry.find(id)).isEmpty();
        assertThat(FacilityFixtures.rowCounts(jdbc)).isEqualTo(rows);
    }

    @Test
    void aFailingListenerDoesNotUndoOrHideACommittedChange() {
        listen(changed -> {
            throw new IllegalStateException("listener broken");
        });

        Facility facility = registry.apply(FacilityFixtures.hospital(), "applicant");

        assertThat(registry.find(facility.id())).contains(facility);
    }

    private Facility active(FacilityApplication application) {
        Facility facility = registry.apply(application, "applicant");
        registry.changeStatus(facility.id(), APPROVED, null, "hub-admin");
        return registry.changeStatus(facility.id(), ACTIVE, null, "hub-admin");
    }

    private Facility active(Facility applied) {
        registry.changeStatus(applied.id(), APPROVED, null, "hub-admin");
        return registry.changeStatus(applied.id(), ACTIVE, null, "hub-admin");
    }

    private List<FacilityChanged> recordEvents() {
        List<FacilityChanged> events = new CopyOnWriteArrayList<>();
        listen(events::add);
        return events;
    }

    private void listen(Consumer<FacilityChanged> consumer) {
        ApplicationListener<ApplicationEvent> listener = event -> {
            if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof FacilityChanged changed) {
                consumer.accept(changed);
            }
        };
        multicaster.addApplicationListener(listener);
        listeners.add(listener);
    }

    private static void assertRefused(ThrowingCallable call, HttpStatus status, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
