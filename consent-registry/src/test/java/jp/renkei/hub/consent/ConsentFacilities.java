package jp.renkei.hub.consent;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.facility.PostalAddress;

/** Active facilities for the consent tests; codes never repeat within a test run. */
final class ConsentFacilities {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(6_000_000);

    private ConsentFacilities() {
    }

    static String active(FacilityRegistry registry) {
        int n = SEQUENCE.incrementAndGet();
        FacilityDetails details = new FacilityDetails("同意テスト医院" + n, "ドウイテスト　イイン",
                new PostalAddress("960-8001", "福島県", "福島市", "大町2-2"), "県北",
                new FacilityContact("024-000-0002", "consent" + n + "@example.jp"), List.of());
        String id = registry.apply(new FacilityApplication(FacilityKind.CLINIC,
                new MedicalInstitutionCode(String.format("071%07d", n)), details), "test").id();
        registry.changeStatus(id, FacilityStatus.APPROVED, "test", "test");
        registry.changeStatus(id, FacilityStatus.ACTIVE, "test", "test");
        return id;
    }
}
