package jp.renkei.hub.dicom.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The PostgreSQL index of received instances: study, series and instance rows. An instance is indexed in one
 * transaction, only after its file is durable; indexing the same instance again changes nothing.
 */
@Repository
public class ImageIndex {

    /** An indexed study. */
    public record Study(String studyUid, String facilityId, String patientLocalId, String patientName,
                        String patientBirthDate, String patientSex, String studyDate, String studyTime,
                        String accessionNumber, String studyDescription, String imagingStudyId,
                        List<String> modalities, int numberOfSeries, int numberOfInstances, Instant updatedAt) {
    }

    /** An indexed series. */
    public record Series(String seriesUid, String studyUid, String modality, Integer seriesNumber,
                         String seriesDescription, String bodyPart, int numberOfInstances) {
    }

    /** An indexed instance. */
    public record Instance(String sopInstanceUid, String seriesUid, String sopClassUid, Integer instanceNumber,
                           String transferSyntaxUid, String storageKey, long sizeBytes) {
    }

    /** How indexing went. */
    public enum Outcome { INDEXED, ALREADY_INDEXED }

    /** The instance conflicts with what the index holds (another facility's UIDs, another patient...). */
    public static final class Conflict extends RuntimeException {
        private final boolean otherFacility;

        Conflict(String message, boolean otherFacility) {
            super(message);
            this.otherFacility = otherFacility;
        }

        public boolean otherFacility() {
            return otherFacility;
        }
    }

    private static final String STUDY_COLUMNS = """
            s.*, ARRAY(SELECT DISTINCT r.modality FROM hub.dicom_series r WHERE r.study_uid = s.study_uid
                       AND r.modality IS NOT NULL ORDER BY 1) AS modalities,
            (SELECT count(*) FROM hub.dicom_series r WHERE r.study_uid = s.study_uid) AS series_count,
            (SELECT count(*) FROM hub.dicom_instance i JOIN hub.dicom_series r ON r.series_uid = i.series_uid
             WHERE r.study_uid = s.study_uid) AS instance_count
            """;

    /** Instances marked published per statement (PostgreSQL takes at most 65,535 parameters). */
    private static final int MARK_CHUNK = 5_000;

    private final JdbcClient jdbc;

    ImageIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The facility that sent the instance, if it is indexed. One statement, so no transaction: asked for every
     * instance stored, the read-only transaction around it cost more CPU than the index transaction (JFR, dicom.sh).
     */
    public Optional<String> ownerOfInstance(String sopInstanceUid) {
        return jdbc.sql("""
                SELECT s.facility_id::text FROM hub.dicom_instance i JOIN hub.dicom_series r ON r.series_uid = i.series_uid
                JOIN hub.dicom_study s ON s.study_uid = r.study_uid WHERE i.sop_instance_uid = :uid
                """).param("uid", sopInstanceUid).query(String.class).optional();
    }

    /**
     * Indexes an instance whose file is durable under {@link ReceivedInstance#storageKey()}: study and series rows
     * are created when new; the instance row is not yet published (in the study's ImagingStudy).
     */
    @Transactional
    public Outcome index(String facilityId, String callingAe, ReceivedInstance instance, String transferSyntaxUid,
                         long sizeBytes) {
        return indexInTransaction(facilityId, callingAe, instance, transferSyntaxUid, sizeBytes);
    }

    /** An instance whose file is durable, waiting to be indexed with the others of its upload. */
    public record Durable(ReceivedInstance instance, String transferSyntaxUid, long sizeBytes) {
    }

    /**
     * Indexes the instances of one upload in one transaction. An instance whose study or series is not yet known in
     * this transaction is indexed under a savepoint: refused (a {@link Conflict}) or failing in the database, it
     * leaves no row — not even the study row it had just inserted — and does not undo the others. Once a study and
     * series are checked, the next instances in them cost one statement each (their own row). An instance already
     * indexed must be the same facility's ({@link Conflict} otherwise). One commit (one wait for PostgreSQL's WAL
     * flush) per upload instead of one per instance. The answer lists, in the order given, {@code null} for an
     * indexed instance and the exception for one that is not.
     */
    @Transactional
    public List<RuntimeException> indexAll(String facilityId, String callingAe, List<Durable> instances) {
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        Map<String, StudyOwner> checkedStudies = new HashMap<>();
        Map<String, String> checkedSeries = new HashMap<>();
        List<RuntimeException> refusals = new ArrayList<>(instances.size());
        for (Durable durable : instances) {
            ReceivedInstance instance = durable.instance();
            StudyOwner owner = checkedStudies.get(instance.studyUid());
            String seriesStudy = checkedSeries.get(instance.seriesUid());
            if (owner != null && seriesStudy != null) {
                // Nothing is written before a refusal here, so no savepoint; a database error fails the upload.
                try {
                    checkOwner(owner, facilityId, instance);
                    checkSeries(seriesStudy, instance);
                    insertOwnInstance(facilityId, callingAe, durable, now);
                    refusals.add(null);
                } catch (Conflict e) {
                    refusals.add(e);
                }
                continue;
            }
            jdbc.sql("SAVEPOINT dicom_instance").update();
            try {
                owner = ensureStudy(facilityId, instance, now);
                checkOwner(owner, facilityId, instance);
                seriesStudy = ensureSeries(instance, now);
                checkSeries(seriesStudy, instance);
                insertOwnInstance(facilityId, callingAe, durable, now);
                jdbc.sql("RELEASE SAVEPOINT dicom_instance").update();
                checkedStudies.put(instance.studyUid(), owner);
                checkedSeries.put(instance.seriesUid(), seriesStudy);
                refusals.add(null);
            } catch (RuntimeException e) {
                jdbc.sql("ROLLBACK TO SAVEPOINT dicom_instance").update();
                refusals.add(e);
            }
        }
        return refusals;
    }

    /** Inserts the instance row; one that is there already must have come from the same facility. */
    private void insertOwnInstance(String facilityId, String callingAe, Durable durable, Timestamp now) {
        if (insertInstance(callingAe, durable.instance(), durable.transferSyntaxUid(), durable.sizeBytes(), now) == 0
                && !ownerOfInstance(durable.instance().sopInstanceUid()).map(facilityId::equals).orElse(true)) {
            throw new Conflict("instance was sent by another facility", true);
        }
    }

    private Outcome indexInTransaction(String facilityId, String callingAe, ReceivedInstance instance,
                                       String transferSyntaxUid, long sizeBytes) {
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        checkOwner(ensureStudy(facilityId, instance, now), facilityId, instance);
        checkSeries(ensureSeries(instance, now), instance);
        int inserted = insertInstance(callingAe, instance, transferSyntaxUid, sizeBytes, now);
        // the new row is unpublished (column default): the next publish of the study merges it
        return inserted == 0 ? Outcome.ALREADY_INDEXED : Outcome.INDEXED;
    }

    /** Inserts the study row if it is new, and answers whose it is. */
    private StudyOwner ensureStudy(String facilityId, ReceivedInstance instance, Timestamp now) {
        jdbc.sql("""
                INSERT INTO hub.dicom_study (study_uid, facility_id, patient_local_id, patient_name, patient_birth_date,
                    patient_sex, study_date, study_time, accession_number, study_description, created_at, updated_at)
                VALUES (:study, :facility, :patient, :name, :birth, :sex, :date, :time, :accession, :description,
                    :now, :now)
                ON CONFLICT (study_uid) DO NOTHING
                """)
                .param("study", instance.studyUid()).param("facility", UUID.fromString(facilityId))
                .param("patient", instance.patientId()).param("name", instance.patientName())
                .param("birth", instance.patientBirthDate()).param("sex", instance.patientSex())
                .param("date", instance.studyDate()).param("time", instance.studyTime())
                .param("accession", instance.accessionNumber()).param("description", instance.studyDescription())
                .param("now", now).update();
        // No row lock: the owner and PatientID never change once written, and instances of one study arriving
        // over parallel associations must not wait for each other's commits.
        return jdbc.sql("SELECT facility_id::text AS facility, patient_local_id FROM hub.dicom_study "
                        + "WHERE study_uid = :study")
                .param("study", instance.studyUid())
                .query((rs, n) -> new StudyOwner(rs.getString("facility"), rs.getString("patient_local_id"))).single();
    }

    private static void checkOwner(StudyOwner owner, String facilityId, ReceivedInstance instance) {
        if (!owner.facilityId().equals(facilityId)) {
            throw new Conflict("study " + instance.studyUid() + " was sent by another facility", true);
        }
        if (!owner.patientLocalId().equals(instance.patientId())) {
            throw new Conflict("study " + instance.studyUid() + " is filed under another PatientID", false);
        }
    }

    /** Inserts the series row if it is new, and answers the study it belongs to. */
    private String ensureSeries(ReceivedInstance instance, Timestamp now) {
        jdbc.sql("""
                INSERT INTO hub.dicom_series (series_uid, study_uid, modality, series_number, series_description,
                    body_part, created_at)
                VALUES (:series, :study, :modality, :number, :description, :body, :now)
                ON CONFLICT (series_uid) DO NOTHING
                """)
                .param("series", instance.seriesUid()).param("study", instance.studyUid())
                .param("modality", instance.modality()).param("number", instance.seriesNumber())
                .param("description", instance.seriesDescription()).param("body", instance.bodyPart())
                .param("now", now).update();
        return jdbc.sql("SELECT study_uid FROM hub.dicom_series WHERE series_uid = :series")
                .param("series", instance.seriesUid()).query(String.class).single();
    }

    private static void checkSeries(String seriesStudy, ReceivedInstance instance) {
        if (!seriesStudy.equals(instance.studyUid())) {
            throw new Conflict("series " + instance.seriesUid() + " belongs to another study", false);
        }
    }

    private int insertInstance(String callingAe, ReceivedInstance instance, String transferSyntaxUid,
                               long sizeBytes, Timestamp now) {
        return jdbc.sql("""
                INSERT INTO hub.dicom_instance (sop_instance_uid, series_uid, sop_class_uid, instance_number,
                    transfer_syntax_uid, storage_key, size_bytes, calling_ae, received_at)
                VALUES (:sop, :series, :sopClass, :number, :syntax, :key, :size, :ae, :now)
                ON CONFLICT (sop_instance_uid) DO NOTHING
                """)
                .param("sop", instance.sopInstanceUid()).param("series", instance.seriesUid())
                .param("sopClass", instance.sopClassUid()).param("number", instance.instanceNumber())
                .param("syntax", transferSyntaxUid).param("key", instance.storageKey()).param("size", sizeBytes)
                .param("ae", callingAe).param("now", now).update();
    }

    private record StudyOwner(String facilityId, String patientLocalId) {
    }

    @Transactional(readOnly = true)
    public Optional<Study> study(String studyUid) {
        return jdbc.sql("SELECT " + STUDY_COLUMNS + " FROM hub.dicom_study s WHERE s.study_uid = :uid")
                .param("uid", studyUid).query(ImageIndex::study).optional();
    }

    /** Studies whose ImagingStudy does not yet show every instance indexed. */
    @Transactional(readOnly = true)
    public List<String> unpublishedStudies() {
        return jdbc.sql("""
                SELECT DISTINCT r.study_uid FROM hub.dicom_instance i JOIN hub.dicom_series r ON r.series_uid = i.series_uid
                WHERE NOT i.published
                """).query(String.class).list();
    }

    /** What the publisher needs of a study's own row. */
    public record StudyHeader(String studyUid, String facilityId, String patientLocalId, String patientName,
                              String patientBirthDate, String patientSex, String studyDate, String studyTime,
                              String studyDescription, String imagingStudyId) {
    }

    /** An indexed instance with its series' attributes, as the ImagingStudy shows them. */
    public record Arrival(String sopInstanceUid, String sopClassUid, Integer instanceNumber, String seriesUid,
                          String modality, Integer seriesNumber, String seriesDescription) {
    }

    public Optional<StudyHeader> studyHeader(String studyUid) {
        return jdbc.sql("SELECT * FROM hub.dicom_study WHERE study_uid = :uid").param("uid", studyUid)
                .query((rs, n) -> new StudyHeader(rs.getString("study_uid"), rs.getString("facility_id"),
                        rs.getString("patient_local_id"), rs.getString("patient_name"),
                        rs.getString("patient_birth_date"), rs.getString("patient_sex"), rs.getString("study_date"),
                        rs.getString("study_time"), rs.getString("study_description"),
                        rs.getString("imaging_study_id")))
                .optional();
    }

    /**
     * The study's instances not yet in its ImagingStudy (only those rows are read: the partial index
     * {@code dicom_instance_unpublished}), or every instance of the study when {@code all}.
     */
    public List<Arrival> arrivals(String studyUid, boolean all) {
        return jdbc.sql("""
                SELECT i.sop_instance_uid, i.sop_class_uid, i.instance_number, r.series_uid, r.modality,
                       r.series_number, r.series_description
                FROM hub.dicom_series r JOIN hub.dicom_instance i ON i.series_uid = r.series_uid
                WHERE r.study_uid = :study
                """ + (all ? "" : " AND NOT i.published"))
                .param("study", studyUid)
                .query((rs, n) -> new Arrival(rs.getString("sop_instance_uid"), rs.getString("sop_class_uid"),
                        (Integer) rs.getObject("instance_number"), rs.getString("series_uid"),
                        rs.getString("modality"), (Integer) rs.getObject("series_number"),
                        rs.getString("series_description")))
                .list();
    }

    /** Studies of the given facilities' patients; {@code patients} pairs facility ID and local patient ID. */
    @Transactional(readOnly = true)
    public List<Study> studiesOf(String facilityId, Collection<String> localPatientIds) {
        if (localPatientIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + STUDY_COLUMNS + " FROM hub.dicom_study s WHERE s.facility_id = :facility "
                        + "AND s.patient_local_id IN (:patients) ORDER BY s.study_date, s.study_uid")
                .param("facility", UUID.fromString(facilityId)).param("patients", localPatientIds)
                .query(ImageIndex::study).list();
    }

    /** Every study of a facility. */
    @Transactional(readOnly = true)
    public List<Study> studiesOf(String facilityId) {
        return jdbc.sql("SELECT " + STUDY_COLUMNS + " FROM hub.dicom_study s WHERE s.facility_id = :facility "
                        + "ORDER BY s.study_date, s.study_uid")
                .param("facility", UUID.fromString(facilityId)).query(ImageIndex::study).list();
    }

    @Transactional(readOnly = true)
    public List<Series> series(String studyUid) {
        return jdbc.sql("""
                SELECT r.*, (SELECT count(*) FROM hub.dicom_instance i WHERE i.series_uid = r.series_uid) AS instance_count
                FROM hub.dicom_series r WHERE r.study_uid = :study ORDER BY r.series_number NULLS LAST, r.series_uid
                """).param("study", studyUid)
                .query((rs, n) -> new Series(rs.getString("series_uid"), rs.getString("study_uid"),
                        rs.getString("modality"), (Integer) rs.getObject("series_number"),
                        rs.getString("series_description"), rs.getString("body_part"), rs.getInt("instance_count")))
                .list();
    }

    @Transactional(readOnly = true)
    public List<Instance> instances(String seriesUid) {
        return jdbc.sql("""
                SELECT * FROM hub.dicom_instance WHERE series_uid = :series
                ORDER BY instance_number NULLS LAST, sop_instance_uid
                """).param("series", seriesUid)
                .query((rs, n) -> new Instance(rs.getString("sop_instance_uid"), rs.getString("series_uid"),
                        rs.getString("sop_class_uid"), (Integer) rs.getObject("instance_number"),
                        rs.getString("transfer_syntax_uid"), rs.getString("storage_key"), rs.getLong("size_bytes")))
                .list();
    }

    /** Records the study's ImagingStudy and that the given instances are in it. */
    public void published(String studyUid, String imagingStudyId, Collection<String> sopInstanceUids) {
        jdbc.sql("UPDATE hub.dicom_study SET imaging_study_id = :id, updated_at = :now WHERE study_uid = :study")
                .param("id", imagingStudyId).param("now", Timestamp.from(Instant.now())).param("study", studyUid)
                .update();
        List<String> uids = List.copyOf(sopInstanceUids);
        for (int from = 0; from < uids.size(); from += MARK_CHUNK) {
            jdbc.sql("UPDATE hub.dicom_instance SET published = true WHERE sop_instance_uid IN (:uids)")
                    .param("uids", uids.subList(from, Math.min(uids.size(), from + MARK_CHUNK))).update();
        }
    }

    private static Study study(ResultSet rs, int row) throws SQLException {
        return new Study(rs.getString("study_uid"), rs.getString("facility_id"), rs.getString("patient_local_id"),
                rs.getString("patient_name"), rs.getString("patient_birth_date"), rs.getString("patient_sex"),
                rs.getString("study_date"), rs.getString("study_time"), rs.getString("accession_number"),
                rs.getString("study_description"), rs.getString("imaging_study_id"),
                List.of((String[]) rs.getArray("modalities").getArray()), rs.getInt("series_count"),
                rs.getInt("instance_count"), rs.getTimestamp("updated_at").toInstant());
    }
}
