package jp.renkei.hub.gateway.jahis;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jp.renkei.hub.gateway.jahis.TcDocument.Institution;
import jp.renkei.hub.gateway.jahis.TcDocument.Person;

/**
 * A read prescription 2D symbol: the prescribing facility and doctor, the patient as the prescription names them,
 * the prescription date and the Rp groups (dosage form, usage, drugs). Records read but not mapped (insurance,
 * public funding, remarks) are listed in {@code notImported}.
 *
 * @param facilityCode the facility code as written (7 digits, or the 10-digit code when the prefecture is given)
 */
public record RxDocument(Charset charset, TcText.LineEnding lineEnding, Institution facility, String facilityCode,
                         Person doctor, String doctorCode, Optional<TcDocument.Patient> patient, LocalDate issued,
                         LocalDate expires, List<Rp> rps, List<RxRecord> notImported) {

    public RxDocument {
        rps = List.copyOf(rps);
        notImported = List.copyOf(notImported);
    }

    /**
     * Record 101 and what refers to its Rp number. {@code formClass}: 剤形区分 (1 internal, 2 internal drops,
     * 3 as needed, 4 injection, 5 external, 6 infusion, 7 decoction, 9 material, 10 other);
     * {@code quantity}: 調剤数量, days for internal drugs, doses for as-needed ones.
     */
    public record Rp(int line, String number, String formClass, String formName, BigDecimal quantity, Usage usage,
                     List<String> usageNotes, List<Drug> drugs) {

        public Rp {
            usageNotes = List.copyOf(usageNotes);
            drugs = List.copyOf(drugs);
        }

        /** Internal drugs (内服, 内滴, 浸煎, 湯): the amount is per day and the quantity is in days. */
        public boolean perDay() {
            return List.of("1", "2", "6", "7").contains(formClass);
        }

        /** As-needed drugs (頓服): the amount is per dose and the quantity is the number of doses. */
        public boolean perDose() {
            return "3".equals(formClass);
        }
    }

    /** Record 111: the usage text and its code when coded. */
    public record Usage(int line, String text, String code) {
    }

    /** Record 201 with its notes (211, 221, 241, 281). {@code order}: RP内連番. */
    public record Drug(int line, int order, String name, BigDecimal amount, String unit, DrugCodeType codeType,
                       String code, List<String> notes) {

        public Drug {
            notes = List.copyOf(notes);
        }
    }
}
