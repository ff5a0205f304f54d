package jp.renkei.hub.core.facility;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a facility stands in the network. A facility applies, is approved by the hub, becomes active when
 * it is connected, may be suspended and resumed, and may withdraw at any point; withdrawal is final.
 */
public enum FacilityStatus {
    APPLIED, APPROVED, ACTIVE, SUSPENDED, WITHDRAWN;

    /** The whole lifecycle, in one place: the statuses a facility in this status may change to. */
    public Set<FacilityStatus> allowedTargets() {
        return Collections.unmodifiableSet(switch (this) {
            case APPLIED -> EnumSet.of(APPROVED, WITHDRAWN);
            case APPROVED -> EnumSet.of(ACTIVE, WITHDRAWN);
            case ACTIVE -> EnumSet.of(SUSPENDED, WITHDRAWN);
            case SUSPENDED -> EnumSet.of(ACTIVE, WITHDRAWN);
            case WITHDRAWN -> EnumSet.noneOf(FacilityStatus.class);
        });
    }

    public boolean canChangeTo(FacilityStatus target) {
        return allowedTargets().contains(target);
    }

    /** Suspension and withdrawal cut a facility off from its patients' data: people must see why. */
    public boolean requiresReason() {
        return this == SUSPENDED || this == WITHDRAWN;
    }
}
