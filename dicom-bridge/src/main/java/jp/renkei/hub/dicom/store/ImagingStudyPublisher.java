package jp.renkei.hub.dicom.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jp.renkei.hub.dicom.encoding.PersonName;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.fhir.patient.FacilityPatients;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes each indexed study as a FHIR ImagingStudy (JP Core's JP_ImagingStudy_Radiology), stamped with the
 * sending facility and about that facility's Patient with the study's PatientID as local ID — resolved, and
 * created when the facility has not sent one yet, by {@link FacilityPatients} like every other way data comes in.
 * It is rewritten from the index whenever instances were added, so it always shows every series and instance
 * indexed. Writes are the hub's own (no principal). Associations of one study often end together (a PACS sends
 * a CT over several associations): each study is published under a PostgreSQL transaction-level lock and re-read
 * inside it, so the last writer always sees every instance indexed before it and there is one ImagingStudy.
 */
@Component
public class ImagingStudyPublisher {

    public static final String PROFILE = JpCoreSystems.PROFILE_BASE + "JP_ImagingStudy_Radiology";
    static final String DICOM_UID = "urn:dicom:uid";
    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String EN_REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
    private static final TimeZone JAPAN = TimeZone.getTimeZone("Asia/Tokyo");
    private static final Logger log = LoggerFactory.getLogger(ImagingStudyPublisher.class);

    private final ImageIndex index;
    private final DaoRegistry daos;
    private final FacilityPatients facilityPatients;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    ImagingStudyPublisher(ImageIndex index, DaoRegistry daos, FacilityPatients facilityPatients, JdbcClient jdbc,
                          PlatformTransactionManager transactionManager) {
        this.index = index;
        this.daos = daos;
        this.facilityPatients = facilityPatients;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Publishes the given studies; a failure is logged and the study stays unpublished for a later attempt. */
    public void publish(Collection<String> studyUids) {
        for (String uid : studyUids) {
            try {
                transactions.executeWithoutResult(status -> {
                    lock(uid);
                    // read under the lock: the ImagingStudy another association just created, every instance so far
                    index.study(uid).ifPresent(this::publish);
                });
            } catch (RuntimeException e) {
                log.error("The ImagingStudy of study {} could not be written; it will be retried", uid, e);
            }
        }
    }

    public void publishUnpublished() {
        publish(index.unpublishedStudies());
    }

    private void publish(ImageIndex.Study study) {
        String patientId = patientOf(study);
        ImagingStudy resource = imagingStudy(study, patientId);
        IFhirResourceDao<ImagingStudy> dao = daos.getResourceDao(ImagingStudy.class);
        String id;
        if (study.imagingStudyId() == null) {
            id = dao.create(resource, new SystemRequestDetails()).getId().getIdPart();
        } else {
            resource.setId(study.imagingStudyId());
            dao.update(resource, new SystemRequestDetails());
            id = study.imagingStudyId();
        }
        index.published(study.studyUid(), id, study.updatedAt());
    }

    /** Serialises the publishing of one study until the transaction ends (as ConsentStore locks an event number). */
    private void lock(String studyUid) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('dicom.imaging_study:' || :uid))").param("uid", studyUid)
                .query((rs, n) -> 1).list();
    }

    private ImagingStudy imagingStudy(ImageIndex.Study study, String patientId) {
        ImagingStudy resource = new ImagingStudy();
        resource.getMeta().addProfile(PROFILE);
        SourceFacilityStamp.tag(resource, study.facilityId());
        resource.addIdentifier().setSystem(DICOM_UID).setValue("urn:oid:" + study.studyUid());
        resource.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        resource.setSubject(new Reference("Patient/" + patientId));
        started(study.studyDate(), study.studyTime()).ifPresent(resource::setStartedElement);
        study.modalities().forEach(m -> resource.addModality(new Coding(DCM, m, null)));
        if (study.studyDescription() != null) {
            resource.setDescription(study.studyDescription());
        }
        List<ImageIndex.Series> series = index.series(study.studyUid());
        int instances = 0;
        for (ImageIndex.Series s : series) {
            ImagingStudy.ImagingStudySeriesComponent component = resource.addSeries().setUid(s.seriesUid())
                    .setModality(new Coding(DCM, s.modality() == null ? "OT" : s.modality(), null))
                    .setNumberOfInstances(s.numberOfInstances());
            if (s.seriesNumber() != null) {
                component.setNumber(s.seriesNumber());
            }
            if (s.seriesDescription() != null) {
                component.setDescription(s.seriesDescription());
            }
            for (ImageIndex.Instance i : index.instances(s.seriesUid())) {
                ImagingStudy.ImagingStudySeriesInstanceComponent instance = component.addInstance()
                        .setUid(i.sopInstanceUid())
                        .setSopClass(new Coding("urn:ietf:rfc:3986", "urn:oid:" + i.sopClassUid(), null));
                if (i.instanceNumber() != null) {
                    instance.setNumber(i.instanceNumber());
                }
                instances++;
            }
        }
        resource.setNumberOfSeries(series.size());
        resource.setNumberOfInstances(instances);
        return resource;
    }

    /**
     * The sending facility's Patient with the study's PatientID ({@link FacilityPatients}, as gateway ingest finds
     * it), created from the DICOM patient module if absent.
     */
    private String patientOf(ImageIndex.Study study) {
        Patient demographics = new Patient();
        if (study.patientName() != null) {
            names(PersonName.parse(study.patientName())).forEach(demographics::addName);
        }
        gender(study.patientSex()).ifPresent(demographics::setGender);
        if (study.patientBirthDate() != null && study.patientBirthDate().matches("\\d{8}")) {
            String d = study.patientBirthDate();
            demographics.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(d.substring(0, 4) + "-"
                    + d.substring(4, 6) + "-" + d.substring(6)));
        }
        return facilityPatients.findOrCreate(study.facilityId(), study.patientLocalId(), demographics);
    }

    /** Kanji (IDE) and kana (SYL) names as JP Core writes them; the alphabetic group only when it is all there is. */
    static List<HumanName> names(PersonName name) {
        List<HumanName> names = new java.util.ArrayList<>();
        if (!name.ideographic().isEmpty()) {
            names.add(name(name.ideographic(), "IDE"));
        }
        if (!name.phonetic().isEmpty()) {
            names.add(name(name.phonetic(), "SYL"));
        }
        if (names.isEmpty() && !name.alphabetic().isEmpty()) {
            names.add(name(name.alphabetic(), "ABC"));
        }
        return names;
    }

    private static HumanName name(PersonName.Group group, String representation) {
        HumanName name = new HumanName().setUse(HumanName.NameUse.OFFICIAL).setText(group.display());
        if (!group.family().isEmpty()) {
            name.setFamily(group.family());
        }
        if (!group.given().isEmpty()) {
            name.addGiven(group.given());
        }
        name.addExtension(EN_REPRESENTATION, new org.hl7.fhir.r4.model.CodeType(representation));
        return name;
    }

    private static Optional<Enumerations.AdministrativeGender> gender(String sex) {
        if (sex == null) {
            return Optional.empty();
        }
        return switch (sex) {
            case "M" -> Optional.of(Enumerations.AdministrativeGender.MALE);
            case "F" -> Optional.of(Enumerations.AdministrativeGender.FEMALE);
            case "O" -> Optional.of(Enumerations.AdministrativeGender.OTHER);
            default -> Optional.empty();
        };
    }

    /** StudyDate (+ StudyTime) as a FHIR dateTime in Japan time; nothing when the date is not a plain date. */
    static Optional<DateTimeType> started(String date, String time) {
        if (date == null || !date.matches("\\d{8}")) {
            return Optional.empty();
        }
        String text = date.substring(0, 4) + "-" + date.substring(4, 6) + "-" + date.substring(6);
        if (time != null && time.matches("\\d{6}(\\.\\d+)?")) {
            text += "T" + time.substring(0, 2) + ":" + time.substring(2, 4) + ":" + time.substring(4, 6) + "+09:00";
            DateTimeType started = new DateTimeType(text);
            started.setTimeZone(JAPAN);
            return Optional.of(started);
        }
        return Optional.of(new DateTimeType(text));
    }
}
