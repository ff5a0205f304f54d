package jp.renkei.hub.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jp.renkei.hub.app.RenkeiHubApplication;
import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ConsentRegistry;
import jp.renkei.hub.consent.ConsentTerms;
import jp.renkei.hub.consent.FacilityScope;
import jp.renkei.hub.consent.ObtainedVia;
import jp.renkei.hub.consent.ValidityPeriod;
import jp.renkei.hub.core.auth.AccountCredentials;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.person.PersonAccounts;
import jp.renkei.hub.core.person.PersonInvitation;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fills a persistent bench home with synthetic patients of the demo hospital, in-process: the hub's Spring
 * context is started on the home (embedded PostgreSQL there), each patient is one transaction through HAPI's
 * system DAO as the hub, then enrolled (event number) and given CLINICAL and DISPENSING consents that open
 * every source to the demo care office. A care manager of the care office (no two-factor requirement) is
 * invited and activated; login and password go to {@code views-bench.properties} with the event numbers.
 * The context is closed afterwards, so the packaged hub can be started on the same home.
 *
 * <p>Settings for loading only, in this process (the measured hub is started afterwards as its own process,
 * with the hub's normal settings): asynchronous commit for the pool's sessions, HAPI's mass-ingestion mode, no
 * DICOM listener, JDBC batching. With 2 threads and ≈ 1,000 resources per patient it loads ≈ 1,200 resources/s
 * on 2 shared cores (1M resources in 14 minutes; docs/benchmarks.md).
 */
final class ViewsDataLoader {

    static final String HBA1C = "3D046000001906202";
    private static final String[][] TESTS = {
        {HBA1C, "HbA1c (NGSP)", "%", "5.6", "1.2"}, {"3D010000001926101", "グルコース", "mg/dL", "100", "25"},
        {"3C015000002327101", "クレアチニン", "mg/dL", "0.9", "0.3"}, {"3C025000002327201", "eGFR", "mL/min/1.73m2", "70", "15"},
        {"3B035000002327201", "AST", "U/L", "25", "10"}, {"3B045000002327201", "ALT", "U/L", "22", "12"},
        {"3F015000002327101", "総コレステロール", "mg/dL", "200", "30"}, {"3F077000002327101", "LDL-C", "mg/dL", "120", "30"},
        {"2A990000001930952", "白血球数", "10^3/uL", "6.0", "1.5"}, {"2A030000001930101", "ヘモグロビン", "g/dL", "13.5", "1.5"}};
    private static final String[][] DRUGS = {{"2149039F1020", "ロサルタンカリウム錠50mg"}, {"3962002F1032", "メトホルミン塩酸塩錠250mg"},
        {"2189016F1020", "アトルバスタチン錠10mg"}, {"2325003F1020", "ファモチジン錠20mg"}, {"1149019F1020", "ロキソプロフェンNa錠60mg"}};
    static final String PASSWORD = "Bench-views-2026";
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private static final Map<String, String> LOAD_ONLY_PROPERTIES = Map.of(
            "spring.jpa.properties.hibernate.order_inserts", "true",
            "spring.jpa.properties.hibernate.order_updates", "true",
            "spring.jpa.properties.hibernate.jdbc.batch_size", "100",
            "spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "true");

    private final Path home;
    private final int patients;
    private final int visits;
    private final int threads;
    private final java.time.Duration budget;
    private final PrintStream out;

    /** {@code budget}: loading stops after it (at a patient's end) and keeps what is loaded; zero means no limit. */
    ViewsDataLoader(Path home, int patients, int visits, int threads, java.time.Duration budget, PrintStream out) {
        this.budget = budget;
        this.home = home;
        this.patients = patients;
        this.visits = visits;
        this.threads = threads;
        this.out = out;
    }

    /** Resources each patient gets: Patient, 10 tests per visit, an encounter, prescription and dispense per visit, 3 diagnoses, 1 allergy. */
    int resourcesPerPatient() {
        return 1 + visits * (TESTS.length + 3) + 4;
    }

    ViewsBenchData load() throws Exception {
        Files.createDirectories(home);
        // System properties, not the builder's default properties: application.yml would override those
        // (renkei.home defaults to ~/.renkei there), and the PKI bootstrap reads the home before the context.
        System.setProperty("renkei.home", home.toString());
        System.setProperty("server.port", "0");
        System.setProperty("renkei.demo.enabled", "true");
        System.setProperty("renkei.fhir.ig-packages", "");
        System.setProperty("renkei.dicom.enabled", "false"); // loading needs no DICOM listener (nor its port)
        // Loading only: the pool's sessions commit asynchronously (a crash could lose the last transactions of a
        // throw-away load, nothing else). The measured hub is a separate process with the hub's own settings.
        System.setProperty("spring.datasource.hikari.connection-init-sql", "SET synchronous_commit TO off");
        System.setProperty("spring.datasource.hikari.maximum-pool-size", Integer.toString(threads + 4));
        // Loading only: Hibernate groups the inserts of a patient's transaction by table into JDBC batches and the
        // driver sends each batch as multi-row inserts, instead of one round trip per index row.
        LOAD_ONLY_PROPERTIES.forEach(System::setProperty);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RenkeiHubApplication.class)
                .properties("logging.level.root=WARN")
                .run();
        JpaStorageSettings storage = context.getBean(JpaStorageSettings.class);
        // Loading only: HAPI's mass-ingestion mode skips work a bulk load of new resources does not need
        // (e.g. tag and search-parameter presence bookkeeping); switched off again before the context closes.
        storage.setMassIngestionMode(true);
        try {
            FacilityRegistry registry = context.getBean(FacilityRegistry.class);
            Facility hospital = registry.list(null, null, null).stream().filter(f -> f.medicalInstitutionCode() != null
                    && "0710100017".equals(f.medicalInstitutionCode().value())).findFirst().orElseThrow();
            Facility careOffice = registry.list(null, null, null).stream()
                    .filter(f -> "ケアプランセンターみらい".equals(f.details().name())).findFirst().orElseThrow();
            HubPrincipal hospitalDoctor = new HubPrincipal(HubPrincipal.Kind.PERSON, "views-bench", "ベンチ", hospital.id(),
                    Set.of(HubRole.DOCTOR));
            IFhirSystemDao<Bundle, ?> system = context.getBean(IFhirSystemDao.class);
            PatientEnrolment enrolment = context.getBean(PatientEnrolment.class);
            ConsentRegistry consents = context.getBean(ConsentRegistry.class);
            String login = "views-bench-cm-" + UUID.randomUUID().toString().substring(0, 8);
            var invited = context.getBean(PersonAccounts.class).invite(careOffice.id(),
                    new PersonInvitation(login, login + "@example.jp", "ベンチ 利用者", "ベンチ リヨウシャ",
                            Profession.CARE_MANAGER, false),
                    new HubPrincipal(HubPrincipal.Kind.PERSON, "views-bench", "ベンチ", null, Set.of(HubRole.HUB_ADMIN)));
            context.getBean(AccountCredentials.class).activate(login, invited.activationCode(), PASSWORD);

            List<String> numbers = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicLong resources = new AtomicLong();
            AtomicInteger loaded = new AtomicInteger();
            long started = System.nanoTime();
            int progressEvery = Math.max(1, Math.min(100, 20_000 / resourcesPerPatient()));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = thread; i < patients && !overBudget(started); i += threads) {
                        String local = String.format("VB%07d", i);
                        Bundle bundle = patientBundle(local, hospital, new SplittableRandom(i));
                        system.transaction(new SystemRequestDetails(), bundle);
                        String number = enrolment.enrol(hospital.id(), local, hospitalDoctor).eventNumber().formatted();
                        ConsentTerms terms = new ConsentTerms(FacilityScope.only(Set.of(careOffice.id())),
                                FacilityScope.everyFacility(),
                                new ValidityPeriod(Instant.now().minus(1, ChronoUnit.DAYS), null), ObtainedVia.WRITTEN_FORM);
                        consents.record(number, ConsentCategory.CLINICAL, terms, null, hospitalDoctor);
                        consents.record(number, ConsentCategory.DISPENSING, terms, null, hospitalDoctor);
                        numbers.add(number);
                        long done = resources.addAndGet(bundle.getEntry().size());
                        int count = loaded.incrementAndGet();
                        if (count % progressEvery == 0 || count == patients) {
                            double seconds = (System.nanoTime() - started) / 1e9;
                            out.printf(Locale.ROOT, "views-bench: loaded %d patients, %d resources in %.0f s,"
                                    + " %.0f resources/s, load average %s%n", count, done, seconds, done / seconds,
                                    ProcFs.loadAverage());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            ViewsBenchData data = new ViewsBenchData(List.copyOf(numbers), resources.get(), seconds, login, PASSWORD,
                    careOffice.id());
            data.save(home);
            return data;
        } finally {
            storage.setMassIngestionMode(false);
            context.close();
            System.clearProperty("spring.datasource.hikari.connection-init-sql");
            System.clearProperty("spring.datasource.hikari.maximum-pool-size");
            LOAD_ONLY_PROPERTIES.keySet().forEach(System::clearProperty);
        }
    }

    private boolean overBudget(long startedNanos) {
        return !budget.isZero() && System.nanoTime() - startedNanos > budget.toNanos();
    }

    private Bundle patientBundle(String local, Facility hospital, SplittableRandom random) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = IdType.newRandomUuid().getValue();
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(JpCoreSystems.facilityPatientIdSystem("0710100017")).setValue(local);
        patient.addName().setFamily("連携").addGiven("太郎");
        patient.setBirthDate(date(LocalDate.of(1940 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28))));
        add(bundle, patient, patientUrl, hospital);
        Reference subject = new Reference(patientUrl);
        LocalDate first = LocalDate.now(JAPAN).minusDays(30L * visits);
        for (int v = 0; v < visits; v++) {
            LocalDate day = first.plusDays(30L * v + random.nextInt(10));
            Encounter encounter = new Encounter();
            encounter.setStatus(Encounter.EncounterStatus.FINISHED);
            encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "外来"));
            encounter.setSubject(subject);
            encounter.getPeriod().setStart(date(day));
            add(bundle, encounter, null, hospital);
            for (String[] test : TESTS) {
                Observation observation = new Observation();
                observation.setStatus(Observation.ObservationStatus.FINAL);
                observation.addCategory(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")));
                observation.setCode(new CodeableConcept(new Coding(JpCoreSystems.JLAC10, test[0], test[1])));
                observation.setSubject(subject);
                observation.setEffective(new DateTimeType(date(day)));
                double value = Double.parseDouble(test[3]) + (random.nextDouble() - 0.5) * 2 * Double.parseDouble(test[4]);
                observation.setValue(new Quantity().setValue(BigDecimal.valueOf(Math.round(value * 10) / 10.0)).setUnit(test[2]));
                add(bundle, observation, null, hospital);
            }
            String[] drug = DRUGS[random.nextInt(DRUGS.length)];
            MedicationRequest request = new MedicationRequest();
            request.setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);
            request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            request.setSubject(subject);
            request.setMedication(new CodeableConcept(new Coding(JpCoreSystems.YJ, drug[0], drug[1])));
            request.setAuthoredOn(date(day));
            request.setRequester(new Reference().setDisplay("ベンチ 医師"));
            request.getDispenseRequest().setExpectedSupplyDuration((Duration) new Duration().setValue(28).setCode("d"));
            String requestUrl = IdType.newRandomUuid().getValue();
            add(bundle, request, requestUrl, hospital);
            MedicationDispense dispense = new MedicationDispense();
            dispense.setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED);
            dispense.setSubject(subject);
            dispense.setMedication(new CodeableConcept(new Coding(JpCoreSystems.YJ, drug[0], drug[1])));
            dispense.setWhenHandedOver(date(day));
            dispense.setDaysSupply(new Quantity().setValue(28).setUnit("日").setCode("d"));
            dispense.addAuthorizingPrescription(new Reference(requestUrl));
            add(bundle, dispense, null, hospital);
        }
        for (String name : List.of("2型糖尿病", "高血圧症", "脂質異常症")) {
            Condition condition = new Condition();
            condition.setSubject(subject);
            condition.getCode().setText(name);
            condition.setRecordedDate(date(first));
            add(bundle, condition, null, hospital);
        }
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setPatient(subject);
        allergy.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
        allergy.getCode().setText("ペニシリン系抗菌薬");
        add(bundle, allergy, null, hospital);
        return bundle;
    }

    private static void add(Bundle bundle, Resource resource, String fullUrl, Facility source) {
        SourceFacilityStamp.tag(resource, source.id());
        bundle.addEntry().setFullUrl(fullUrl == null ? IdType.newRandomUuid().getValue() : fullUrl).setResource(resource)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atTime(9, 0).atZone(JAPAN).toInstant());
    }
}
