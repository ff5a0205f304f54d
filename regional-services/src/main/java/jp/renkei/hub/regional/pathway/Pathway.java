package jp.renkei.hub.regional.pathway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A liaison pathway started by its owner (a hospital) for one patient from a template version, with the
 * facilities named for each stage, the sheets they recorded and the stages they marked done.
 *
 * @param eventNumber  the patient, by event number (16 digits)
 * @param participants stage code → facility IDs, in the template's stage order
 * @param records      oldest first
 */
public record Pathway(UUID id, String templateCode, int templateVersion, String ownerFacilityId, String eventNumber,
                      String startedBy, String startedByName, Instant startedAt,
                      Map<String, List<String>> participants, Map<String, StageCompletion> completions,
                      List<StageRecord> records) {

    /** The owner and every facility named for a stage: the only facilities the pathway exists for. */
    public boolean involves(String facilityId) {
        return ownerFacilityId.equals(facilityId) || stagesOf(facilityId).size() > 0;
    }

    public boolean ownedBy(String facilityId) {
        return ownerFacilityId.equals(facilityId);
    }

    /** The stages the facility is named for. */
    public Set<String> stagesOf(String facilityId) {
        return participants.entrySet().stream().filter(e -> e.getValue().contains(facilityId))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** Every facility named for some stage, the owner apart unless it is named too. */
    public Set<String> participantFacilities() {
        return participants.values().stream().flatMap(List::stream).collect(Collectors.toSet());
    }

    public List<StageRecord> recordsOf(String stageCode) {
        return records.stream().filter(r -> r.stageCode().equals(stageCode)).toList();
    }

    public Optional<StageCompletion> completion(String stageCode) {
        return Optional.ofNullable(completions.get(stageCode));
    }

    public StageStatus status(String stageCode) {
        if (completions.containsKey(stageCode)) {
            return StageStatus.DONE;
        }
        return recordsOf(stageCode).isEmpty() ? StageStatus.NOT_STARTED : StageStatus.IN_PROGRESS;
    }
}
