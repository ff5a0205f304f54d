package jp.renkei.hub.fhir.patient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.fhir.HubSystems;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Identifier.IdentifierUse;
import org.hl7.fhir.r4.model.Patient;

/**
 * The event-number identifiers a Patient should carry: its surviving number as {@code official}, and every
 * number merged into it as {@code old}, so that a search by any of them finds the same Patient. A Patient
 * that is linked to no number carries none. The hub owns these identifiers; whatever else is there under
 * {@link HubSystems#EVENT_NUMBER} is replaced.
 */
public final class EventNumberIdentifiers {

    private EventNumberIdentifiers() {
    }

    /**
     * A copy of {@code patient} with its event-number identifiers set for {@code survivor} and
     * {@code retired}; empty when the Patient already carries exactly those (order aside), so that an
     * unchanged Patient keeps its version.
     */
    public static Optional<Patient> reconciled(Patient patient, Optional<EventNumber> survivor,
                                               List<EventNumber> retired) {
        List<Identifier> wanted = wanted(survivor, retired);
        if (sameEventIdentifiers(patient, wanted)) {
            return Optional.empty();
        }
        Patient copy = patient.copy();
        copy.getIdentifier().removeIf(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem()));
        wanted.forEach(copy::addIdentifier);
        return Optional.of(copy);
    }

    /** The identifiers for {@code survivor} (official) and {@code retired} (old); none without a number. */
    static List<Identifier> wanted(Optional<EventNumber> survivor, List<EventNumber> retired) {
        List<Identifier> wanted = new ArrayList<>();
        survivor.ifPresent(number -> {
            wanted.add(identifier(number, IdentifierUse.OFFICIAL));
            retired.stream().filter(r -> !r.equals(number)).distinct()
                    .forEach(old -> wanted.add(identifier(old, IdentifierUse.OLD)));
        });
        return wanted;
    }

    private static Identifier identifier(EventNumber number, IdentifierUse use) {
        return new Identifier().setUse(use).setSystem(HubSystems.EVENT_NUMBER).setValue(number.formatted());
    }

    private static boolean sameEventIdentifiers(Patient patient, List<Identifier> wanted) {
        List<Identifier> present = patient.getIdentifier().stream()
                .filter(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem())).toList();
        return present.size() == wanted.size() && keys(present).equals(keys(wanted));
    }

    /** What matters of an event-number identifier: its value and use (any other detail is rewritten). */
    private static Set<List<Object>> keys(List<Identifier> identifiers) {
        Set<List<Object>> keys = new HashSet<>();
        for (Identifier identifier : identifiers) {
            keys.add(List.of(Objects.toString(identifier.getValue(), ""), Objects.toString(identifier.getUse(), ""),
                    identifier.hasPeriod() || identifier.hasType() || identifier.hasAssigner()));
        }
        return keys;
    }
}
