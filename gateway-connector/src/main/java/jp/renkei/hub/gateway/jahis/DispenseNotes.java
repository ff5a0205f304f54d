package jp.renkei.hub.gateway.jahis;

import java.util.List;

import jp.renkei.hub.gateway.jahis.TcDocument.Dispensing;
import jp.renkei.hub.gateway.jahis.TcDocument.Drug;
import jp.renkei.hub.gateway.jahis.TcDocument.Note;
import jp.renkei.hub.gateway.jahis.TcDocument.Rp;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationDispense;

/**
 * Where a TC note record goes on a dispense, most specific first (the drug's, its Rp's, the dispensing's): what
 * tells the patient how to take the drug — cautions (291 drug, 391 Rp, 401 dispensing) and the usage supplement
 * (311) — is {@code dosageInstruction.additionalInstruction} (as text: JAHIS gives no code); what informs the next
 * clinician — the drug supplement (281), information from the pharmacy or clinic (411, e.g. 「錠剤は粉砕」), the
 * leftover-drug check (421) and remarks (501) — is a {@code note}, labelled with its kind.
 */
final class DispenseNotes {

    private DispenseNotes() {
    }

    static void addTo(MedicationDispense dispense, Drug drug, Rp rp, Dispensing dispensing) {
        Dosage dosage = dispense.getDosageInstructionFirstRep();
        for (List<Note> notes : List.of(drug.notes(), rp.notes(), dispensing.notes())) {
            for (Note note : notes) {
                if (isInstruction(note.type())) {
                    dosage.addAdditionalInstruction(new CodeableConcept().setText(note.text()));
                } else {
                    dispense.addNote().setText(label(note.type()) + note.text());
                }
            }
        }
    }

    static boolean isInstruction(TcRecordType type) {
        return switch (type) {
            case DRUG_CAUTION, USAGE_SUPPLEMENT, RP_CAUTION, DISPENSING_CAUTION -> true;
            default -> false;
        };
    }

    private static String label(TcRecordType type) {
        return switch (type) {
            case DRUG_SUPPLEMENT -> "薬品補足: ";
            case PROVIDED_INFORMATION -> "医療機関等提供情報: ";
            case REMAINING_MEDICINE -> "残薬確認: ";
            case REMARKS -> "備考: ";
            default -> "";
        };
    }
}
