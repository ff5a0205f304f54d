package jp.renkei.hub.core.facility;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.renkei.hub.core.auth.AuthProperties;
import jp.renkei.hub.core.cache.RecentAnswers;
import jp.renkei.hub.core.cluster.ClusterEvents;
import jp.renkei.hub.core.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The register of participating facilities: admits them by application and approval, keeps their details
 * and moves them through their lifecycle ({@link FacilityStatus}). Every request is checked completely
 * before anything is written, so a refused request leaves no trace; every status change is recorded with
 * who, when and why. After each committed change it publishes {@link FacilityChanged}.
 */
@Service
@Transactional
public class FacilityRegistry {

    private static final Logger log = LoggerFactory.getLogger(FacilityRegistry.class);
    private static final int REASON_MAX = 1000;
    /** The {@link ClusterEvents} topic of facility changes. */
    static final String CLUSTER_TOPIC = "facility";

    private final FacilityRepository repository;
    private final ApplicationEventPublisher events;
    /** {@link #isActive} answers by ID, asked on every request; forgotten on every change here. */
    private final RecentAnswers<String, Boolean> activeAnswers;
    /** {@link #find} answers by ID (names and codes are looked up several times per request); forgotten likewise. */
    private final RecentAnswers<UUID, Optional<Facility>> facilityAnswers;

    private final ClusterEvents cluster;

    FacilityRegistry(FacilityRepository repository, ApplicationEventPublisher events, AuthProperties auth,
                     ClusterEvents cluster) {
        this.repository = repository;
        this.events = events;
        this.activeAnswers = new RecentAnswers<>(auth.lookupCacheTtl());
        this.facilityAnswers = new RecentAnswers<>(auth.lookupCacheTtl());
        this.cluster = cluster;
        // A facility suspended through another node is refused here on the next request, not after the TTL.
        cluster.subscribe(CLUSTER_TOPIC, () -> {
            activeAnswers.forgetAll();
            facilityAnswers.forgetAll();
        });
    }

    /** Registers the applicant as {@link FacilityStatus#APPLIED}. */
    public Facility apply(FacilityApplication application, String actorId) {
        requireActor(actorId);
        UUID id = UUID.randomUUID();
        if (application.medicalInstitutionCode() != null) {
            repository.holderOfCode(application.medicalInstitutionCode()).ifPresent(holder -> {
                throw ApiException.conflict("medical-institution code " + holder.taken()
                        + " is already registered to facility " + describe(holder));
            });
        }
        refuseTakenAeTitles(application.details().aeTitles(), id);
        Instant now = now();
        writing(() -> {
            repository.insert(id, application, FacilityStatus.APPLIED, now, actorId);
            repository.recordStatusChange(id,
                    new FacilityStatusChange(null, FacilityStatus.APPLIED, null, actorId, now));
        });
        return publishedAfterCommit(id);
    }

    /** Replaces the details of a facility that has not withdrawn. */
    public Facility updateDetails(String id, FacilityDetails details, String actorId) {
        requireActor(actorId);
        UUID key = key(id);
        FacilityStatus status = repository.lockStatus(key).orElseThrow(() -> notFound(id));
        if (status == FacilityStatus.WITHDRAWN) {
            throw ApiException.conflict("facility " + id + " has withdrawn; its details can no longer be changed");
        }
        refuseTakenAeTitles(details.aeTitles(), key);
        writing(() -> repository.updateDetails(key, details, now(), actorId));
        return publishedAfterCommit(key);
    }

    /**
     * Moves a facility to {@code target} if its lifecycle allows it (409 otherwise). {@code reason} is
     * required for suspension and withdrawal and recorded whenever given.
     */
    public Facility changeStatus(String id, FacilityStatus target, String reason, String actorId) {
        requireActor(actorId);
        if (target == null) {
            throw ApiException.invalid("status", "must not be null");
        }
        UUID key = key(id);
        FacilityStatus current = repository.lockStatus(key).orElseThrow(() -> notFound(id));
        if (!current.canChangeTo(target)) {
            throw ApiException.conflict("facility " + id + " cannot change from " + current + " to " + target
                    + "; allowed from " + current + ": " + allowed(current));
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why == null && target.requiresReason()) {
            throw ApiException.invalid("reason", "must be given to change the status to " + target);
        }
        if (why != null && why.codePointCount(0, why.length()) > REASON_MAX) {
            throw ApiException.invalid("reason", "must be at most " + REASON_MAX + " characters");
        }
        Instant now = now();
        repository.updateStatus(key, target, now, actorId);
        repository.recordStatusChange(key, new FacilityStatusChange(current, target, why, actorId, now));
        return publishedAfterCommit(key);
    }

    /** The facility, or 404; {@code purpose} says what the caller wanted it for. */
    @Transactional(readOnly = true)
    public Facility require(String id, Set<FacilityStatus> allowed, String purpose) {
        Facility facility = find(id).orElseThrow(() -> ApiException.notFound("Facility " + id));
        if (!allowed.contains(facility.status())) {
            throw ApiException.conflict("Facility " + id + " is " + facility.status() + ": cannot " + purpose
                    + " (needs " + allowed + ")");
        }
        return facility;
    }

    /**
     * Whether people and systems may act for the facility now: only ACTIVE facilities take part. A change made in
     * this hub node applies to the next call after its commit; one made by another node sharing the database
     * within {@code renkei.auth.lookup-cache-ttl}. Runs in the caller's transaction if any.
     */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public boolean isActive(String id) {
        return id != null && activeAnswers.get(id,
                key -> find(key).map(f -> f.status() == FacilityStatus.ACTIVE).orElse(false));
    }

    /**
     * The facility, whatever its status. Like {@link #isActive}: a change made in this node is seen by the next call
     * after its commit, one made by another node within {@code renkei.auth.lookup-cache-ttl}. Runs in the caller's
     * transaction if any (a recent answer needs none).
     */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public Optional<Facility> find(String id) {
        return parse(id).flatMap(key -> facilityAnswers.get(key, repository::find));
    }

    /**
     * The facility registered under the medical-institution code, whatever its status; empty for a code that is
     * not well-formed or not registered (records name facilities by code, see the duplicate-medication check).
     */
    @Transactional(readOnly = true)
    public Optional<Facility> findByMedicalInstitutionCode(String code) {
        MedicalInstitutionCode parsed;
        try {
            parsed = new MedicalInstitutionCode(code);
        } catch (IllegalArgumentException | NullPointerException notACode) {
            return Optional.empty();
        }
        return repository.holderOfCode(parsed).flatMap(holder -> find(holder.facilityId()));
    }

    /** The facility that registered the DICOM AE title, whatever its status. */
    @Transactional(readOnly = true)
    public Optional<Facility> findByAeTitle(AeTitle aeTitle) {
        return repository.findByAeTitle(aeTitle.value());
    }

    /** Facilities matching every given criterion; {@code null} matches anything. */
    @Transactional(readOnly = true)
    public List<Facility> list(FacilityStatus status, FacilityKind kind, String region) {
        return repository.list(status, kind, region);
    }

    /** Every status change of the facility, oldest first, beginning with its application. */
    @Transactional(readOnly = true)
    public List<FacilityStatusChange> history(String id) {
        UUID key = key(id);
        if (repository.find(key).isEmpty()) {
            throw notFound(id);
        }
        return repository.history(key);
    }

    private void refuseTakenAeTitles(List<AeTitle> titles, UUID facility) {
        List<FacilityRepository.Holder> holders = repository.holdersOfAeTitles(titles, facility);
        if (!holders.isEmpty()) {
            throw ApiException.conflict(holders.stream()
                    .map(h -> "AE title '" + h.taken() + "' is already used by facility " + describe(h))
                    .collect(Collectors.joining("; ")));
        }
    }

    /** The unique constraints catch what a concurrent request registered between our check and our write. */
    private static void writing(Runnable write) {
        try {
            write.run();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict(
                    "the medical-institution code or an AE title was registered by another request meanwhile");
        }
    }

    private Facility publishedAfterCommit(UUID id) {
        activeAnswers.forgetAllAfterCommit();
        facilityAnswers.forgetAllAfterCommit();
        cluster.publish(CLUSTER_TOPIC);
        Facility facility = repository.find(id).orElseThrow();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    events.publishEvent(new FacilityChanged(facility));
                } catch (RuntimeException e) {
                    // The change is committed: a failing listener must not turn it into an error response.
                    log.error("A listener failed on the change of facility {}", facility.id(), e);
                }
            }
        });
        return facility;
    }

    private static String allowed(FacilityStatus current) {
        return current.allowedTargets().isEmpty() ? "none (" + current + " is final)"
                : current.allowedTargets().stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String describe(FacilityRepository.Holder holder) {
        return holder.facilityName() + " (" + holder.facilityId() + ")";
    }

    private static UUID key(String id) {
        return parse(id).orElseThrow(() -> notFound(id));
    }

    private static Optional<UUID> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(id);
            // UUID.fromString accepts abbreviated forms; only the canonical form names a facility.
            return uuid.toString().equalsIgnoreCase(id) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("facility " + id);
    }

    private static void requireActor(String actorId) {
        if (actorId == null || actorId.isBlank()) {
            throw new IllegalArgumentException("every change to a facility needs the acting person's hub ID");
        }
    }

    private static Instant now() {
        // PostgreSQL keeps microseconds: what is returned is then exactly what is stored.
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
