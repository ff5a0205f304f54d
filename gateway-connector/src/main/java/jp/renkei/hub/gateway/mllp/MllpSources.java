package jp.renkei.hub.gateway.mllp;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.network.SiteBinding;

/**
 * Where a sender may connect from: a gateway certificate counts only from inside its facility's VPN site prefixes
 * ({@link SiteBinding}). Asked once per connection, after the handshake has named the facility; a refusal is
 * audited and the connection closed before any message is read.
 */
public final class MllpSources {

    private final SiteBinding binding;
    private final AuditTrail audit;

    public MllpSources(SiteBinding binding, AuditTrail audit) {
        this.binding = binding;
        this.audit = audit;
    }

    /** Why the facility's sender may not connect from {@code source}; empty when it may. */
    public Optional<String> refusal(String facilityId, InetAddress source) {
        Optional<String> refusal = binding.refusal(facilityId, source);
        refusal.ifPresent(reason -> audit.record(new AuditEntry("SYSTEM", "mllp", facilityId, Set.of(), null,
                AuditAction.AUTHENTICATE, "MLLP connection", AuditOutcome.DENIED, 0, null, source.getHostAddress(),
                "refused: " + reason)));
        return refusal;
    }
}
