package jp.renkei.hub.fhir.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import jp.renkei.hub.core.facility.AeTitle;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.facility.PostalAddress;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;

class OrganizationMapperTest {

    private static final String ID = "5b0e9c1e-8f0a-4d52-9a61-0d4c1b2e7f30";

    @Test
    void aPharmacyBecomesAJpOrganizationWithHubIdCodeAndTheCodesParts() {
        Organization organization = OrganizationMapper.toOrganization(
                facility(FacilityKind.PHARMACY, "0740300015", FacilityStatus.ACTIVE, "info@sakura.example.jp"));

        assertThat(organization.getMeta().getProfile()).extracting(p -> p.getValue())
                .containsExactly(JpCoreSystems.JP_ORGANIZATION);
        assertThat(organization.getIdentifier()).extracting(Identifier::getSystem, Identifier::getValue)
                .containsExactly(tuple(HubSystems.FACILITY, ID), tuple(JpCoreSystems.MEDICAL_INSTITUTION_NO, "0740300015"));
        assertThat(((Coding) organization.getExtensionByUrl(JpCoreSystems.ORGANIZATION_PREFECTURE_NO).getValue()).getCode())
                .isEqualTo("07");
        assertThat(((Coding) organization.getExtensionByUrl(JpCoreSystems.ORGANIZATION_FEE_SCHEDULE_TYPE).getValue())
                .getCode()).isEqualTo("4");
        Identifier institutionNo = (Identifier) organization.getExtensionByUrl(JpCoreSystems.ORGANIZATION_INSTITUTION_NO)
                .getValue();
        assertThat(institutionNo.getSystem()).isEqualTo(JpCoreSystems.INSTITUTION_NO);
        assertThat(institutionNo.getValue()).isEqualTo("0300015");
        assertThat(organization.getActive()).isTrue();
        assertThat(organization.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("prov");
        assertThat(organization.getName()).isEqualTo("さくら調剤薬局 郡山店");
        assertThat(organization.getAlias()).extracting(a -> a.getValue())
                .containsExactly("サクラチョウザイヤッキョク　コオリヤマテン");
        assertThat(organization.getTelecom()).extracting(ContactPoint::getSystem, ContactPoint::getValue)
                .containsExactly(tuple(ContactPoint.ContactPointSystem.PHONE, "024-000-0003"),
                        tuple(ContactPoint.ContactPointSystem.EMAIL, "info@sakura.example.jp"));
        var address = organization.getAddressFirstRep();
        assertThat(address.getPostalCode()).isEqualTo("963-8001");
        assertThat(address.getState()).isEqualTo("福島県");
        assertThat(address.getCity()).isEqualTo("郡山市");
        assertThat(address.getLine()).extracting(l -> l.getValue()).containsExactly("大町1-2-3");
        assertThat(address.getText()).isEqualTo("福島県郡山市大町1-2-3");
        assertThat(address.getCountry()).isEqualTo("JP");
    }

    @Test
    void aFacilityWithoutCodeHasOnlyItsHubIdAndNoCodeExtensions() {
        Organization organization = OrganizationMapper.toOrganization(
                facility(FacilityKind.CARE_MANAGEMENT_OFFICE, null, FacilityStatus.ACTIVE, null));

        assertThat(organization.getIdentifier()).extracting(Identifier::getSystem).containsExactly(HubSystems.FACILITY);
        assertThat(organization.getExtension()).isEmpty();
        assertThat(organization.getTelecom()).extracting(ContactPoint::getSystem)
                .containsExactly(ContactPoint.ContactPointSystem.PHONE);
    }

    @Test
    void onlyAnActiveFacilityIsAnActiveOrganization() {
        for (FacilityStatus status : FacilityStatus.values()) {
            assertThat(OrganizationMapper.toOrganization(facility(FacilityKind.HOSPITAL, "0710100017", status, null))
                    .getActive()).as("%s", status).isEqualTo(status == FacilityStatus.ACTIVE);
        }
    }

    @Test
    void careProvidersAreProvMunicipalitiesGovtAndTheHubOperatorOther() {
        List<FacilityKind> providers = List.copyOf(EnumSet.complementOf(
                EnumSet.of(FacilityKind.MUNICIPALITY, FacilityKind.HUB_OPERATOR)));

        assertThat(providers).allSatisfy(kind -> assertThat(OrganizationMapper.organizationType(kind).getCode())
                .as("%s", kind).isEqualTo("prov"));
        assertThat(OrganizationMapper.organizationType(FacilityKind.MUNICIPALITY).getCode()).isEqualTo("govt");
        assertThat(OrganizationMapper.organizationType(FacilityKind.HUB_OPERATOR).getCode()).isEqualTo("other");
        assertThat(OrganizationMapper.organizationType(FacilityKind.CLINIC).getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/organization-type");
    }

    static Facility facility(FacilityKind kind, String code, FacilityStatus status, String email) {
        FacilityDetails details = new FacilityDetails("さくら調剤薬局 郡山店", "サクラチョウザイヤッキョク　コオリヤマテン",
                new PostalAddress("963-8001", "福島県", "郡山市", "大町1-2-3"), "県中",
                new FacilityContact("024-000-0003", email), List.of(new AeTitle("SAKURA_RX")));
        Instant now = Instant.parse("2026-11-21T01:00:00Z");
        return new Facility(ID, kind, code == null ? null : new MedicalInstitutionCode(code), details, status, now, now,
                "hub-admin");
    }
}
