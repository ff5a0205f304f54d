package jp.renkei.hub.app.portal.radiology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ConsentRegistry;
import jp.renkei.hub.consent.ConsentTerms;
import jp.renkei.hub.consent.FacilityScope;
import jp.renkei.hub.consent.ObtainedVia;
import jp.renkei.hub.consent.ValidityPeriod;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.facility.AeTitle;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.facility.PostalAddress;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomWriter;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.HubUids;
import jp.renkei.hub.dicom.store.ImageIndex;
import jp.renkei.hub.dicom.store.ImagingStudyPublisher;
import jp.renkei.hub.dicom.store.InstanceStore;
import org.springframework.context.ApplicationContext;

/**
 * What the radiology portal tests need: CT studies generated here (a few 32x32 slices, signed 16 bit, Hounsfield
 * units through a rescale), stored through the hub's own store path as a facility's PACS would, the patient
 * enrolled; IMAGING consents; a reading centre; portal logins.
 */
final class RadiologyFixtures {

    static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    /** A stored study: its patient's local ID and event number, its UIDs. */
    record Study(String localId, String eventNumber, String studyUid, String seriesUid, List<String> instanceUids) {
    }

    private RadiologyFixtures() {
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    /** Logs {@code person} in through the portal's login pages (password, then the two-factor code). */
    static PortalBrowser logIn(ApplicationContext context, PortalBrowser browser, TestPeople.Person person) {
        PortalBrowser.Page login = browser.get("/portal/login");
        PortalBrowser.Page totp = browser.post("/portal/login", form("_csrf", login.csrfToken(), "login",
                person.login(), "password", TestPeople.PASSWORD));
        PortalBrowser.Page done = browser.post("/portal/login/totp", form("_csrf", totp.csrfToken(),
                "pendingKey", totp.field("pendingKey"), "totp",
                context.getBean(TotpCodes.class).codeAt(person.totpSecret(), Instant.now())));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        assertThat(done.header("Location").orElse("")).doesNotContain("/portal/login");
        return browser;
    }

    static HubPrincipal actor(String facilityId) {
        return new HubPrincipal(HubPrincipal.Kind.PERSON, "radiology-portal-it", "IT", facilityId,
                Set.of(HubRole.CLERK));
    }

    /**
     * A CT study of {@code slices} slices of the facility's patient {@code localId} (name {@code name}), stored
     * as the facility's PACS stores, its ImagingStudy written; the patient enrolled.
     */
    static Study ctStudy(ApplicationContext context, String facilityId, String localId, String name, int slices)
            throws Exception {
        String eventNumber = context.getBean(PatientEnrolment.class).enrol(facilityId, localId, actor(facilityId))
                .eventNumber().formatted();
        String studyUid = HubUids.random();
        String seriesUid = HubUids.random();
        List<String> instances = new ArrayList<>();
        InstanceStore store = context.getBean(InstanceStore.class);
        for (int slice = 1; slice <= slices; slice++) {
            String sop = HubUids.random();
            DataSet set = slice(studyUid, seriesUid, sop, localId, name, slice);
            InstanceStore.Outcome outcome = store.store(new InstanceStore.Sender(facilityId, "RADIOLOGY-IT"),
                    CT_IMAGE_STORAGE, sop, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                    new ByteArrayInputStream(DicomWriter.encode(set, true)));
            assertThat(outcome.stored()).as(outcome.comment()).isTrue();
            instances.add(sop);
        }
        ImageIndex index = context.getBean(ImageIndex.class);
        context.getBean(ImagingStudyPublisher.class).publish(List.of(studyUid));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (index.study(studyUid).map(ImageIndex.Study::imagingStudyId).isEmpty()
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            context.getBean(ImagingStudyPublisher.class).publish(List.of(studyUid));
        }
        assertThat(index.study(studyUid).orElseThrow().imagingStudyId()).as("ImagingStudy written").isNotNull();
        return new Study(localId, eventNumber, studyUid, seriesUid, instances);
    }

    /** One 32x32 axial slice: a body (soft tissue) with two lungs (air-filled) and a spine (bone). */
    private static DataSet slice(String studyUid, String seriesUid, String sop, String localId, String name,
                                 int number) {
        DataSet set = new DataSet();
        set.setStrings(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "", "ISO 2022 IR 87");
        set.setStrings(Tag.SOP_CLASS_UID, Vr.UI, CT_IMAGE_STORAGE);
        set.setStrings(Tag.SOP_INSTANCE_UID, Vr.UI, sop);
        set.setStrings(Tag.STUDY_DATE, Vr.DA, "20260401");
        set.setStrings(Tag.STUDY_TIME, Vr.TM, "093000");
        set.setStrings(Tag.ACCESSION_NUMBER, Vr.SH, "RAD" + Math.abs(localId.hashCode() % 100000));
        set.setStrings(Tag.MODALITY, Vr.CS, "CT");
        set.setStrings(Tag.STUDY_DESCRIPTION, Vr.LO, "胸部単純CT");
        set.setStrings(Tag.SERIES_DESCRIPTION, Vr.LO, "Axial 5mm");
        set.setStrings(Tag.BODY_PART_EXAMINED, Vr.CS, "CHEST");
        set.setStrings(Tag.PATIENT_NAME, Vr.PN, name);
        set.setStrings(Tag.PATIENT_ID, Vr.LO, localId);
        set.setStrings(Tag.PATIENT_BIRTH_DATE, Vr.DA, "19520714");
        set.setStrings(Tag.PATIENT_SEX, Vr.CS, "M");
        set.setStrings(Tag.STUDY_INSTANCE_UID, Vr.UI, studyUid);
        set.setStrings(Tag.SERIES_INSTANCE_UID, Vr.UI, seriesUid);
        set.setStrings(Tag.STUDY_ID, Vr.SH, "1");
        set.setInt(Tag.SERIES_NUMBER, Vr.IS, 2);
        set.setInt(Tag.INSTANCE_NUMBER, Vr.IS, number);
        set.setInt(Tag.SAMPLES_PER_PIXEL, Vr.US, 1);
        set.setStrings(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2");
        int size = 32;
        set.setInt(Tag.ROWS, Vr.US, size);
        set.setInt(Tag.COLUMNS, Vr.US, size);
        set.setInt(Tag.BITS_ALLOCATED, Vr.US, 16);
        set.setInt(Tag.BITS_STORED, Vr.US, 16);
        set.setInt(Tag.HIGH_BIT, Vr.US, 15);
        set.setInt(Tag.PIXEL_REPRESENTATION, Vr.US, 1);
        set.setStrings(Tag.RESCALE_INTERCEPT, Vr.DS, "-1024");
        set.setStrings(Tag.RESCALE_SLOPE, Vr.DS, "1");
        set.setStrings(Tag.WINDOW_CENTER, Vr.DS, "40");
        set.setStrings(Tag.WINDOW_WIDTH, Vr.DS, "400");
        ByteBuffer pixels = ByteBuffer.allocate(size * size * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = (x - 15.5) / 14;
                double dy = (y - 15.5) / 11;
                int hu;
                if (dx * dx + dy * dy > 1) {
                    hu = -1000; // outside the body
                } else if (Math.abs(x - 15.5) < 3 && y > 20) {
                    hu = 700 + 20 * number; // spine
                } else if (Math.abs(Math.abs(x - 15.5) - 7) < 4 + number % 2 && Math.abs(y - 14) < 7) {
                    hu = -850 + 10 * y; // lungs, a gradient the lung window shows
                } else {
                    hu = 30 + number; // soft tissue
                }
                pixels.putShort((short) (hu + 1024));
            }
        }
        set.setBytes(Tag.PIXEL_DATA, Vr.OW, pixels.array());
        return set;
    }

    /** The patient's IMAGING consent, recorded by {@code recorder}, to show their images to {@code facilityId}. */
    static void imagingConsent(ApplicationContext context, String eventNumber, String recorder, String facilityId) {
        context.getBean(ConsentRegistry.class).record(eventNumber, ConsentCategory.IMAGING,
                new ConsentTerms(FacilityScope.only(Set.of(facilityId)), FacilityScope.everyFacility(),
                        new ValidityPeriod(Instant.now().minus(1, ChronoUnit.HOURS), null), ObtainedVia.ELECTRONIC),
                null, actor(recorder));
    }

    /** An ACTIVE imaging centre that reads second reads (each test class its own code). */
    static Facility readingCentre(ApplicationContext context, String code, String name, String aeTitle) {
        FacilityRegistry registry = context.getBean(FacilityRegistry.class);
        Facility centre = registry.apply(new FacilityApplication(FacilityKind.CLINIC,
                new MedicalInstitutionCode(code), new FacilityDetails(name, "ガゾウシンダンセンター",
                new PostalAddress("960-8031", "福島県", "福島市", "栄町7-7"), "県北",
                new FacilityContact("024-000-0077", null), List.of(new AeTitle(aeTitle)))), "radiology-portal-it");
        registry.changeStatus(centre.id(), FacilityStatus.APPROVED, null, "radiology-portal-it");
        registry.changeStatus(centre.id(), FacilityStatus.ACTIVE, null, "radiology-portal-it");
        return centre;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
