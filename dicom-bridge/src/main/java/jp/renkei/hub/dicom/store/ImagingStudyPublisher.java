package jp.renkei.hub.dicom.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.annotation.PreDestroy;
import jp.renkei.hub.dicom.encoding.PersonName;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.fhir.patient.FacilityPatients;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
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
 * Writes are the hub's own (no principal).
 *
 * <p>A publish merges the instances indexed since the last one (the index marks each instance published) into the
 * ImagingStudy as it stands, so the index rows it reads grow with what arrived, not with the size of the study: a
 * 2,000-instance CT sent over four associations reads 2,000 instance rows in all, not 500 + 1,000 + 1,500 + 2,000.
 * Associations of one study often end together (a PACS sends a CT over several associations): each study is
 * published under a PostgreSQL transaction-level lock and its unpublished instances are read inside it, so every
 * instance is merged once, a publish that finds nothing left (another association's publish took its instances)
 * writes nothing, and there is one ImagingStudy.
 */
@Component
public class ImagingStudyPublisher {

    public static final String PROFILE = JpCoreSystems.PROFILE_BASE + "JP_ImagingStudy_Radiology";
    /** How long STOW-RS uploads are gathered before their studies' ImagingStudies are written. */
    public static final Duration GATHER = Duration.ofMillis(500);
    static final String DICOM_UID = "urn:dicom:uid";
    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String EN_REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
    private static final TimeZone JAPAN = TimeZone.getTimeZone("Asia/Tokyo");
    private static final Logger log = LoggerFactory.getLogger(ImagingStudyPublisher.class);
    private static final Comparator<ImagingStudy.ImagingStudySeriesComponent> SERIES_ORDER = Comparator.comparing(
            (ImagingStudy.ImagingStudySeriesComponent s) -> s.hasNumber() ? s.getNumber() : null,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(ImagingStudy.ImagingStudySeriesComponent::getUid);
    private static final Comparator<ImagingStudy.ImagingStudySeriesInstanceComponent> INSTANCE_ORDER =
            Comparator.comparing((ImagingStudy.ImagingStudySeriesInstanceComponent i) -> i.hasNumber() ? i.getNumber()
                    : null, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(ImagingStudy.ImagingStudySeriesInstanceComponent::getUid);

    /** The publisher's work since start: ImagingStudy writes and index instance rows read for them. */
    public record Work(long writes, long instanceRowsRead) {
    }

    private final ImageIndex index;
    private final DaoRegistry daos;
    private final FacilityPatients facilityPatients;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong rowsRead = new AtomicLong();
    private final Set<String> soon = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean gatherScheduled = new AtomicBoolean();
    private final ScheduledExecutorService gatherer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "imaging-study-publisher");
        thread.setDaemon(true);
        return thread;
    });

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
                long start = System.nanoTime();
                Optional<ImagingStudy> written = transactions.execute(status -> {
                    lock(uid);
                    return index.studyHeader(uid).flatMap(this::publish);
                });
                written.ifPresent(w -> log.info("ImagingStudy of study {}: written in {} ms, {} instance(s)", uid,
                        (System.nanoTime() - start) / 1_000_000, w.getNumberOfInstances()));
            } catch (RuntimeException e) {
                log.error("The ImagingStudy of study {} could not be written; it will be retried", uid, e);
            }
        }
    }

    public void publishUnpublished() {
        publish(index.unpublishedStudies());
    }

    /**
     * Publishes the studies shortly: every upload of the next {@link #GATHER} joins the same write. A STOW-RS client
     * sends a study as many small requests (10 instances each in the benchmark, four clients at once); publishing at
     * the end of each rewrote an ImagingStudy of thousands of instances hundreds of times, under the study's lock that
     * the other requests waited for. The instances are stored and indexed as unpublished before this is called, so
     * nothing waits on it: after a crash the start-up's {@link #publishUnpublished()} writes them.
     */
    public void publishSoon(Collection<String> studyUids) {
        if (studyUids.isEmpty()) {
            return;
        }
        soon.addAll(studyUids);
        if (gatherScheduled.compareAndSet(false, true)) {
            try {
                gatherer.schedule(this::publishGathered, GATHER.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) { // shutting down: written now, or at the next start
                gatherScheduled.set(false);
                publishGathered();
            }
        }
    }

    private void publishGathered() {
        gatherScheduled.set(false); // first: a study added from here on schedules the next round
        List<String> due = new ArrayList<>(soon);
        soon.removeAll(due);
        publish(due);
    }

    /** What is still gathered is written before the database goes away. */
    @PreDestroy
    void close() {
        gatherer.shutdownNow();
        publishGathered();
    }

    /** What publishing has cost so far (counted, so that a test can prove it linear). */
    public Work work() {
        return new Work(writes.get(), rowsRead.get());
    }

    /** Under the study's lock: merges the unpublished instances; empty when there were none. */
    private Optional<ImagingStudy> publish(ImageIndex.StudyHeader study) {
        IFhirResourceDao<ImagingStudy> dao = daos.getResourceDao(ImagingStudy.class);
        Optional<ImagingStudy> existing = Optional.ofNullable(study.imagingStudyId()).flatMap(id -> read(dao, id));
        // without its ImagingStudy (first publish, or deleted since), the resource is built from every instance
        List<ImageIndex.Arrival> arrivals = index.arrivals(study.studyUid(), existing.isEmpty());
        rowsRead.addAndGet(arrivals.size());
        if (arrivals.isEmpty()) {
            return Optional.empty();
        }
        ImagingStudy resource = existing.orElseGet(() -> newImagingStudy(study, patientOf(study)));
        merge(resource, arrivals);
        String id;
        if (existing.isEmpty()) {
            id = dao.create(resource, new SystemRequestDetails()).getId().getIdPart();
        } else {
            id = study.imagingStudyId();
            resource.setId(new IdType("ImagingStudy", id)); // unversioned: the lock makes this the only writer
            dao.update(resource, new SystemRequestDetails());
        }
        writes.incrementAndGet();
        index.published(study.studyUid(), id, arrivals.stream().map(ImageIndex.Arrival::sopInstanceUid).toList());
        return Optional.of(resource);
    }

    private static Optional<ImagingStudy> read(IFhirResourceDao<ImagingStudy> dao, String id) {
        try {
            return Optional.of(dao.read(new IdType("ImagingStudy", id), new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    /** Serialises the publishing of one study until the transaction ends (as ConsentStore locks an event number). */
    private void lock(String studyUid) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('dicom.imaging_study:' || :uid))").param("uid", studyUid)
                .query((rs, n) -> 1).list();
    }

    private static ImagingStudy newImagingStudy(ImageIndex.StudyHeader study, String patientId) {
        ImagingStudy resource = new ImagingStudy();
        resource.getMeta().addProfile(PROFILE);
        SourceFacilityStamp.tag(resource, study.facilityId());
        resource.addIdentifier().setSystem(DICOM_UID).setValue("urn:oid:" + study.studyUid());
        resource.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        resource.setSubject(new Reference("Patient/" + patientId));
        started(study.studyDate(), study.studyTime()).ifPresent(resource::setStartedElement);
        if (study.studyDescription() != null) {
            resource.setDescription(study.studyDescription());
        }
        return resource;
    }

    /** Adds the arrived instances (and their series) to the resource; counts and modalities follow. */
    static void merge(ImagingStudy resource, List<ImageIndex.Arrival> arrivals) {
        Map<String, ImagingStudy.ImagingStudySeriesComponent> series = new HashMap<>();
        Map<String, Set<String>> instancesOf = new HashMap<>();
        for (ImagingStudy.ImagingStudySeriesComponent s : resource.getSeries()) {
            series.put(s.getUid(), s);
        }
        for (ImageIndex.Arrival a : arrivals) {
            ImagingStudy.ImagingStudySeriesComponent component = series.computeIfAbsent(a.seriesUid(), uid -> {
                ImagingStudy.ImagingStudySeriesComponent added = resource.addSeries().setUid(uid)
                        .setModality(new Coding(DCM, a.modality() == null ? "OT" : a.modality(), null));
                if (a.seriesNumber() != null) {
                    added.setNumber(a.seriesNumber());
                }
                if (a.seriesDescription() != null) {
                    added.setDescription(a.seriesDescription());
                }
                return added;
            });
            Set<String> present = instancesOf.computeIfAbsent(a.seriesUid(), uid -> component.getInstance().stream()
                    .map(ImagingStudy.ImagingStudySeriesInstanceComponent::getUid)
                    .collect(Collectors.toCollection(HashSet::new)));
            if (present.add(a.sopInstanceUid())) {
                ImagingStudy.ImagingStudySeriesInstanceComponent instance = component.addInstance()
                        .setUid(a.sopInstanceUid())
                        .setSopClass(new Coding("urn:ietf:rfc:3986", "urn:oid:" + a.sopClassUid(), null));
                if (a.instanceNumber() != null) {
                    instance.setNumber(a.instanceNumber());
                }
            }
        }
        int instances = 0;
        Set<String> modalities = new TreeSet<>();
        resource.getSeries().sort(SERIES_ORDER);
        for (ImagingStudy.ImagingStudySeriesComponent s : resource.getSeries()) {
            if (instancesOf.containsKey(s.getUid())) {
                s.getInstance().sort(INSTANCE_ORDER);
            }
            s.setNumberOfInstances(s.getInstance().size());
            instances += s.getInstance().size();
            modalities.add(s.getModality().getCode());
        }
        resource.setModality(modalities.stream().map(m -> new Coding(DCM, m, null)).toList());
        resource.setNumberOfSeries(resource.getSeries().size());
        resource.setNumberOfInstances(instances);
    }

    /**
     * The sending facility's Patient with the study's PatientID ({@link FacilityPatients}, as gateway ingest finds
     * it), created from the DICOM patient module if absent.
     */
    private String patientOf(ImageIndex.StudyHeader study) {
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
