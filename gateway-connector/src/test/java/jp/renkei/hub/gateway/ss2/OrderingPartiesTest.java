package jp.renkei.hub.gateway.ss2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.dispensing.FacilityDirectory;
import jp.renkei.hub.fhir.dispensing.MedicationCourse;
import jp.renkei.hub.fhir.dispensing.MedicationCourses;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** An SS-MIX2 prescription names who ordered it (ORC-12, ORC-21) and the duplicate check tells prescribers apart by it. */
class OrderingPartiesTest {

    static final String PRESCRIPTION = "999/901/9999013/20110701/OMP-01/"
            + "9999013_20110701_OMP-01_000000011000185_20110701224603984_01_1";
    static final String ORDERER = "110^医師^一郎^^^^^^^L^^^^^I";
    static final String FACILITY = "|登呂病院|";

    @Test
    void theRequesterIsTheOrderingProviderAtTheOrderingFacility() {
        MedicationRequest request = firstRequest(sample());
        assertThat(request.getRequester().getReference()).isEqualTo("#requester-role");
        PractitionerRole role = (PractitionerRole) contained(request, "requester-role");
        assertThat(role.getPractitioner().getReference()).isEqualTo("#requester");
        assertThat(role.getOrganization().getReference()).isEqualTo("#ordering-facility");
        Practitioner doctor = (Practitioner) contained(request, "requester");
        assertThat(doctor.getNameFirstRep().getText()).isEqualTo("医師 一郎");
        assertThat(doctor.getIdentifierFirstRep().getSystem()).isEqualTo(OrderingParties.ORDERING_PROVIDER_ID);
        assertThat(doctor.getIdentifierFirstRep().getValue()).isEqualTo("110");
        assertThat(((Organization) contained(request, "ordering-facility")).getName()).isEqualTo("登呂病院");
    }

    @Test
    void anOrderingFacilityCodeIsKeptAndAnOrderWithoutProviderOrFacilityHasNoRequester() {
        String coded = sample().replace(FACILITY, "|登呂病院^^^^^^^^^2210012345|");
        Organization hospital = (Organization) contained(firstRequest(coded), "ordering-facility");
        assertThat(hospital.getIdentifierFirstRep().getSystem()).isEqualTo(JpCoreSystems.MEDICAL_INSTITUTION_NO);
        assertThat(hospital.getIdentifierFirstRep().getValue()).isEqualTo("2210012345");

        MedicationRequest bare = firstRequest(sample().replace(ORDERER, "").replace(FACILITY, "||"));
        assertThat(bare.hasRequester()).isFalse();
        assertThat(bare.getContained()).isEmpty();
    }

    @Test
    void theCheckTellsTwoDoctorsOfOneHospitalApartAndOneDoctorIsOne() {
        MedicationRequest one = stored(firstRequest(sample()), "1");
        MedicationRequest same = stored(firstRequest(sample()), "2");
        MedicationRequest other = stored(firstRequest(sample().replace(ORDERER, "120^外科^次郎^^^^^^^L^^^^^I")), "3");
        MedicationCourses courses = new MedicationCourses(new FacilityDirectory() {
            @Override
            public String name(String facilityId) {
                return "登録名";
            }

            @Override
            public Optional<String> withCode(String code) {
                return Optional.empty();
            }
        });
        List<MedicationCourse> all = courses.of(List.of(), List.of(one, same, other));
        MedicationCourse first = all.stream().filter(c -> c.record() == one).findFirst().orElseThrow();
        MedicationCourse second = all.stream().filter(c -> c.record() == same).findFirst().orElseThrow();
        MedicationCourse third = all.stream().filter(c -> c.record() == other).findFirst().orElseThrow();
        assertThat(first.prescriber()).isEqualTo(second.prescriber());
        assertThat(first.prescriber().name()).isEqualTo("医師 一郎 医師 (登呂病院)");
        assertThat(first.fromElsewhere(second)).isFalse();
        assertThat(first.fromElsewhere(third)).isTrue();
    }

    private static MedicationRequest stored(MedicationRequest request, String id) {
        request.setId("MedicationRequest/" + id);
        SourceFacilityStamp.tag(request, Ss2Samples.FACILITY);
        return request;
    }

    private static String sample() {
        try {
            return Iso2022Jp.decode(Ss2Samples.read(Ss2Samples.ROOT.resolve(PRESCRIPTION)));
        } catch (jp.renkei.hub.gateway.ingest.IngestFailure e) {
            throw new IllegalStateException(e);
        }
    }

    private static MedicationRequest firstRequest(String text) {
        Ss2Samples.Mapped mapped = Ss2Samples.map(PRESCRIPTION, Iso2022Jp.encode(text));
        assertThat(mapped.failure()).isNull();
        return mapped.resources().stream().filter(MedicationRequest.class::isInstance).map(MedicationRequest.class::cast)
                .findFirst().orElseThrow();
    }

    private static Resource contained(MedicationRequest request, String id) {
        return request.getContained().stream().filter(r -> id.equals(r.getIdElement().getIdPart().replaceFirst("^#", "")))
                .findFirst().orElseThrow();
    }
}
