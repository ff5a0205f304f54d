package jp.renkei.hub.core.testsupport;

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

/** Registered facilities for tests outside the facility package; codes never repeat within a test run. */
public final class TestFacilities {

    // Far from the facility package's own fixture sequence, so the two never hand out the same code.
    private static final AtomicInteger SEQUENCE = new AtomicInteger(5_000_000);

    private TestFacilities() {
    }

    /** A clinic that went through application, approval and activation. */
    public static String active(FacilityRegistry registry) {
        String id = applied(registry);
        registry.changeStatus(id, FacilityStatus.APPROVED, "test", "test");
        registry.changeStatus(id, FacilityStatus.ACTIVE, "test", "test");
        return id;
    }

    public static String applied(FacilityRegistry registry) {
        int n = SEQUENCE.incrementAndGet();
        FacilityDetails details = new FacilityDetails("テスト診療所" + n, "テスト　シンリョウジョ",
                new PostalAddress("960-8001", "福島県", "福島市", "大町1-1"), "県北",
                new FacilityContact("024-000-0001", "clinic" + n + "@example.jp"), List.of());
        return registry.apply(new FacilityApplication(FacilityKind.CLINIC,
                new MedicalInstitutionCode(String.format("071%07d", n)), details), "test").id();
    }
}
