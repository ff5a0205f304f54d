package jp.renkei.hub.gateway.ss2;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;

/**
 * Who ordered a prescription, as the ORC names them, as {@code MedicationRequest.requester}: the ordering provider
 * ORC-12 (XCN: ID, family, given) as a contained Practitioner, the ordering facility ORC-21 (XON: name, component
 * 10 the 10-digit medical-institution code when present) as a contained Organization, joined by a contained
 * PractitionerRole when both are given. The duplicate-medication check tells prescribers apart by these; a
 * registered code makes the organization that registry facility there.
 */
final class OrderingParties {

    /** The ordering provider's ID (ORC-12.1) is local to the ordering facility: compared only within it. */
    static final String ORDERING_PROVIDER_ID = "https://renkei-hub.jp/fhir/sid/ss2-ordering-provider";

    private OrderingParties() {
    }

    static void addRequester(MedicationRequest request, Hl7Segment orc) {
        String providerId = orc.get(12, 0, 1, 1);
        String family = orc.get(12, 0, 2, 1);
        String given = orc.get(12, 0, 3, 1);
        String facilityName = orc.get(21, 0, 1, 1);
        String facilityCode = orc.get(21, 0, 10, 1);
        boolean facility = !facilityName.isEmpty() || facilityCode.matches("\\d{10}");
        if (facility) {
            Organization organization = new Organization();
            organization.setId("ordering-facility");
            if (!facilityName.isEmpty()) {
                organization.setName(facilityName);
            }
            if (facilityCode.matches("\\d{10}")) {
                organization.addIdentifier().setSystem(JpCoreSystems.MEDICAL_INSTITUTION_NO).setValue(facilityCode);
            }
            request.addContained(organization);
        }
        if (providerId.isEmpty() && family.isEmpty() && given.isEmpty()) {
            if (facility) {
                request.setRequester(new Reference("#ordering-facility"));
            }
            return;
        }
        Practitioner provider = new Practitioner();
        provider.setId("requester");
        if (!providerId.isEmpty()) {
            provider.addIdentifier().setSystem(ORDERING_PROVIDER_ID).setValue(providerId);
        }
        if (!family.isEmpty() || !given.isEmpty()) {
            HumanName name = provider.addName().setText((family + " " + given).strip());
            if (!family.isEmpty()) {
                name.setFamily(family);
            }
            if (!given.isEmpty()) {
                name.addGiven(given);
            }
        }
        request.addContained(provider);
        if (!facility) {
            request.setRequester(new Reference("#requester"));
            return;
        }
        PractitionerRole role = new PractitionerRole();
        role.setId("requester-role");
        role.setPractitioner(new Reference("#requester"));
        role.setOrganization(new Reference("#ordering-facility"));
        request.addContained(role);
        request.setRequester(new Reference("#requester-role"));
    }
}
