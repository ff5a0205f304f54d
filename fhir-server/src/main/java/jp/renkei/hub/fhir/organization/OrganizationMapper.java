package jp.renkei.hub.fhir.organization;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;

/**
 * A registered facility as a JP_Organization: what other systems read and reference over FHIR. The
 * registry is the source; the Organization is rewritten whole from it on every change.
 */
public final class OrganizationMapper {

    public static final String ORGANIZATION_TYPE = "http://terminology.hl7.org/CodeSystem/organization-type";

    private OrganizationMapper() {
    }

    public static Organization toOrganization(Facility facility) {
        FacilityDetails details = facility.details();
        Organization organization = new Organization();
        organization.getMeta().addProfile(JpCoreSystems.JP_ORGANIZATION);
        organization.addIdentifier().setSystem(HubSystems.FACILITY).setValue(facility.id());
        MedicalInstitutionCode code = facility.medicalInstitutionCode();
        if (code != null) {
            organization.addIdentifier().setSystem(JpCoreSystems.MEDICAL_INSTITUTION_NO).setValue(code.value());
            organization.addExtension(JpCoreSystems.ORGANIZATION_PREFECTURE_NO,
                    new Coding(JpCoreSystems.PREFECTURE_NO, code.prefecture(), null));
            organization.addExtension(JpCoreSystems.ORGANIZATION_FEE_SCHEDULE_TYPE,
                    new Coding(JpCoreSystems.FEE_SCHEDULE_TYPE, String.valueOf(code.feeScheduleType()), null));
            organization.addExtension(JpCoreSystems.ORGANIZATION_INSTITUTION_NO,
                    new Identifier().setSystem(JpCoreSystems.INSTITUTION_NO).setValue(code.institutionNumber()));
        }
        // Only an active facility takes part in exchange; the others stay readable for what references them.
        organization.setActive(facility.status() == FacilityStatus.ACTIVE);
        organization.addType().addCoding(organizationType(facility.kind()));
        organization.setName(details.name());
        organization.addAlias(details.nameKana());
        organization.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setUse(ContactPoint.ContactPointUse.WORK).setValue(details.contact().phone());
        if (details.contact().email() != null) {
            organization.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL)
                    .setUse(ContactPoint.ContactPointUse.WORK).setValue(details.contact().email());
        }
        var address = details.address();
        organization.addAddress()
                .setUse(Address.AddressUse.WORK)
                .setText(address.prefecture() + address.city() + address.line())
                .setPostalCode(address.postalCode())
                .setState(address.prefecture())
                .setCity(address.city())
                .addLine(address.line())
                .setCountry("JP");
        return organization;
    }

    /** HL7 organization-type: care providers {@code prov}, municipalities {@code govt}, the hub operator {@code other}. */
    public static Coding organizationType(FacilityKind kind) {
        return switch (kind) {
            case HOSPITAL, CLINIC, DENTAL_CLINIC, PHARMACY, VISITING_NURSE_STATION, CARE_MANAGEMENT_OFFICE,
                 CARE_FACILITY, LAB_CENTER -> new Coding(ORGANIZATION_TYPE, "prov", "Healthcare Provider");
            case MUNICIPALITY -> new Coding(ORGANIZATION_TYPE, "govt", "Government");
            case HUB_OPERATOR -> new Coding(ORGANIZATION_TYPE, "other", "Other");
        };
    }
}
