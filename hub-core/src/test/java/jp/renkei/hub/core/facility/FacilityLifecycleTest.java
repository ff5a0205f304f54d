package jp.renkei.hub.core.facility;

import static jp.renkei.hub.core.facility.FacilityStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The lifecycle table, checked pair by pair: every change not listed is refused. */
class FacilityLifecycleTest {

    private static final Map<FacilityStatus, Set<FacilityStatus>> ALLOWED = Map.of(
            APPLIED, EnumSet.of(APPROVED, WITHDRAWN),
            APPROVED, EnumSet.of(ACTIVE, WITHDRAWN),
            ACTIVE, EnumSet.of(SUSPENDED, WITHDRAWN),
            SUSPENDED, EnumSet.of(ACTIVE, WITHDRAWN),
            WITHDRAWN, EnumSet.noneOf(FacilityStatus.class));

    @Test
    void everyPairOfStatusesIsAllowedExactlyAsTheLifecycleSays() {
        for (FacilityStatus from : FacilityStatus.values()) {
            assertThat(from.allowedTargets()).as("from %s", from).isEqualTo(ALLOWED.get(from));
            for (FacilityStatus to : FacilityStatus.values()) {
                assertThat(from.canChangeTo(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }

    @Test
    void onlySuspensionAndWithdrawalNeedAReason() {
        assertThat(EnumSet.allOf(FacilityStatus.class)).filteredOn(FacilityStatus::requiresReason)
                .containsExactly(SUSPENDED, WITHDRAWN);
    }
}
