package jp.renkei.hub.fhir.consent;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.interceptor.JpaPreResourceAccessDetails;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAPI's {@link ConsentInterceptor} around the {@link ConsentGate}, with one shortcut: before a search's matches are
 * loaded only to be put to the gate (and loaded again for the page), the gate is asked whether the tag tables
 * already prove every match to be the requester's own current data ({@link OwnDataTags}); then each would be
 * permitted by the own-data rule and nothing needs loading. Any other batch (another facility's data, a deletion,
 * a missing tag, a history version) takes HAPI's path unchanged: loaded and decided one by one. The page's
 * resources are decided again when shown ({@code willSeeResource}), and a search stays barred from HAPI's
 * search cache, as before.
 */
public class GateConsentInterceptor extends ConsentInterceptor {

    private static final Logger log = LoggerFactory.getLogger(GateConsentInterceptor.class);
    /** HAPI keeps the matches' IDs private; read once here. Without it, every batch takes the loading path. */
    private static final Field PIDS = pidsField();

    private final ConsentGate gate;
    private final OwnDataTags ownData;

    public GateConsentInterceptor(ConsentGate gate, OwnDataTags ownData) {
        super(gate);
        this.gate = gate;
        this.ownData = ownData;
    }

    @Override
    @Hook(value = Pointcut.STORAGE_PREACCESS_RESOURCES)
    public void interceptPreAccess(RequestDetails request, IPreResourceAccessDetails details) {
        Optional<String> facility = gate.requesterFacility(request);
        if (facility.isPresent()) {
            Optional<List<Long>> ids = resourceIds(details);
            if (ids.isPresent() && ownData.allOwnData(facility.get(), ids.get())) {
                return;
            }
        }
        super.interceptPreAccess(request, details);
    }

    /** The resource IDs of the batch, when it is a JPA batch of current resources (never a versioned one). */
    static Optional<List<Long>> resourceIds(IPreResourceAccessDetails details) {
        if (PIDS == null || !(details instanceof JpaPreResourceAccessDetails)) {
            return Optional.empty();
        }
        try {
            @SuppressWarnings("unchecked")
            List<JpaPid> pids = (List<JpaPid>) PIDS.get(details);
            if (pids.stream().anyMatch(pid -> pid == null || pid.getId() == null || pid.getVersion() != null)) {
                return Optional.empty();
            }
            return Optional.of(pids.stream().map(JpaPid::getId).toList());
        } catch (IllegalAccessException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static Field pidsField() {
        try {
            Field field = JpaPreResourceAccessDetails.class.getDeclaredField("myResourcePids");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("HAPI's JpaPreResourceAccessDetails has no readable myResourcePids: the consent gate loads every"
                    + " search match to decide on it", e);
            return null;
        }
    }
}
