package jp.renkei.hub.consent.api;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ConsentChange;
import jp.renkei.hub.consent.ConsentRecord;
import jp.renkei.hub.consent.ConsentStatus;
import jp.renkei.hub.consent.ConsentVersion;
import jp.renkei.hub.consent.FacilityScope;
import jp.renkei.hub.consent.FormSummary;
import jp.renkei.hub.consent.ObtainedVia;

/** A consent as the API shows it: its current terms and status, and (when asked for one consent) its versions. */
public record ConsentView(UUID id, String eventNumber, ConsentCategory category, ConsentStatus status, int version,
                          ScopeView grantees, ScopeView sources, Instant validFrom, Instant validUntil,
                          ObtainedVia obtainedVia, String obtainingFacilityId, String obtainedBy,
                          FormSummary scannedForm, List<VersionView> versions) {

    public record ScopeView(String scope, List<String> facilityIds) {

        static ScopeView of(FacilityScope scope) {
            return new ScopeView(scope.all() ? "ALL" : "LISTED", List.copyOf(new TreeSet<>(scope.facilityIds())));
        }
    }

    public record VersionView(int version, ConsentChange change, ConsentStatus status, ScopeView grantees,
                              ScopeView sources, Instant validFrom, Instant validUntil, ObtainedVia obtainedVia,
                              String facilityId, String actorId, FormSummary scannedForm, String reason,
                              Instant changedAt) {
    }

    static ConsentView of(ConsentRecord consent, Instant now, boolean withVersions) {
        ConsentVersion current = consent.current();
        List<VersionView> versions = withVersions
                ? consent.versions().stream().map(v -> version(consent, v, now)).toList()
                : null;
        return new ConsentView(consent.id(), consent.eventNumber().formatted(), consent.category(),
                consent.statusAt(now), current.version(), ScopeView.of(current.terms().grantees()),
                ScopeView.of(current.terms().sources()), current.terms().period().start(),
                current.terms().period().end(), current.terms().obtainedVia(),
                consent.versions().get(0).obtainingFacilityId(), consent.versions().get(0).obtainedBy(),
                current.form(), versions);
    }

    private static VersionView version(ConsentRecord consent, ConsentVersion v, Instant now) {
        return new VersionView(v.version(), v.change(), consent.statusOf(v, now), ScopeView.of(v.terms().grantees()),
                ScopeView.of(v.terms().sources()), v.terms().period().start(), v.terms().period().end(),
                v.terms().obtainedVia(), v.obtainingFacilityId(), v.obtainedBy(), v.form(), v.reason(), v.changedAt());
    }
}
