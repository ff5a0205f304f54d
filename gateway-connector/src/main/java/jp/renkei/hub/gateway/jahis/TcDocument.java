package jp.renkei.hub.gateway.jahis;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A read e-medication-notebook (TC) file: one patient, their special notes (2), OTC drugs (3/31), notebook memos
 * (4) and patient-entered notes (601), and their dispensings (調剤), each with its pharmacy, prescriber and Rp
 * groups of drugs with a usage. {@code lines} says for every line of the file what became of it (imported, imported
 * with a warning, or not mapped and why), so nothing read is dropped silently.
 *
 * @param outputCategory null when the header's category is missing or not 1/2 (a warning on line 1)
 */
public record TcDocument(int version, OutputCategory outputCategory, Charset charset, TcText.LineEnding lineEnding,
                         Patient patient, List<Dispensing> dispensings, Optional<Split> split,
                         List<SpecialNote> specialNotes, List<OtcDrug> otcDrugs, List<NotebookEntry> entries,
                         List<TcLine> lines) {

    public TcDocument {
        dispensings = List.copyOf(dispensings);
        specialNotes = List.copyOf(specialNotes);
        otcDrugs = List.copyOf(otcDrugs);
        entries = List.copyOf(entries);
        lines = List.copyOf(lines);
    }

    /** Every warning (line, record, field and what was kept), in line order. */
    public List<String> warnings() {
        return lines.stream().filter(l -> l.outcome() == TcLine.Outcome.WARNED)
                .map(l -> "line " + l.line() + ": " + l.detail()).toList();
    }

    /** レコード作成者: who wrote a record (1 medical staff, 2 the patient or family, 8 other, 9 unknown). */
    public enum Creator {
        MEDICAL, PATIENT, OTHER, UNKNOWN;

        static Creator of(String code) {
            return switch (code) {
                case "1" -> MEDICAL;
                case "2" -> PATIENT;
                case "8" -> OTHER;
                default -> UNKNOWN;
            };
        }
    }

    /** 患者特記種別 of record 2. */
    public enum SpecialNoteKind {
        ALLERGY("1", "アレルギー歴"), SIDE_EFFECT("2", "副作用歴"), PAST_ILLNESS("3", "既往歴"), OTHER("9", "その他");

        private final String code;
        private final String label;

        SpecialNoteKind(String code, String label) {
            this.code = code;
            this.label = label;
        }

        public String label() {
            return label;
        }

        static java.util.Optional<SpecialNoteKind> of(String code) {
            return java.util.Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
        }
    }

    /** Record 2: an allergy, side effect, past illness or other note about the patient. */
    public record SpecialNote(int line, SpecialNoteKind kind, String text, Creator creator) {
    }

    /**
     * Record 3 (要指導医薬品・一般用医薬品) with its ingredients (31).
     *
     * @param start the first day of use, null when not given
     * @param end   the last day of use, null when not given
     * @param jan   the JAN (GTIN-13 or -8) code, null when not given
     */
    public record OtcDrug(int line, String name, LocalDate start, LocalDate end, Creator creator, String jan,
                          List<OtcIngredient> ingredients) {

        public OtcDrug {
            ingredients = List.copyOf(ingredients);
        }
    }

    /** Record 31: an ingredient; {@code code} is the SMDC ingredient code (code type 2), null for type 1. */
    public record OtcIngredient(int line, String name, String code) {
    }

    /** Record 4 (手帳メモ) or 601 (患者等記入情報); {@code date} null when not given. */
    public record NotebookEntry(int line, TcRecordType type, String text, LocalDate date, Creator creator) {
    }

    /**
     * A note record attached to a drug (281 supplement, 291 caution), an Rp (311 usage supplement, 391 caution) or a
     * dispensing (401 caution, 411 information from the facility, 421 leftover-drug check, 501 remarks).
     */
    public record Note(int line, TcRecordType type, String text) {
    }

    /** 出力区分: who wrote the file. */
    public enum OutputCategory {
        /** 1: a medical institution or pharmacy. */
        FACILITY,
        /** 2: the patient (or their notebook app). */
        PATIENT
    }

    /** Record 1. {@code sex}: 1 male, 2 female. */
    public record Patient(int line, String name, String nameKana, String sex, LocalDate birthDate) {
    }

    /**
     * A facility as records 11 and 51 give it; the medical-institution code parts are all present or all absent.
     *
     * @param code the 10-digit code (prefecture 2 + fee-schedule type 1 + institution number 7), or null
     */
    public record Institution(int line, String name, String code) {

        public Optional<String> medicalInstitutionCode() {
            return Optional.ofNullable(code);
        }
    }

    /** Record 55 (or 15 for the dispensing pharmacist). */
    public record Person(int line, String name, String department) {
    }

    /** A block starting with record 5; {@code pharmacy} is null when the file names none (a warning). */
    public record Dispensing(int line, LocalDate date, Institution pharmacy, Person pharmacist,
                             Institution prescribingFacility, Person prescriber, List<Rp> rps, List<Note> notes) {

        public Dispensing {
            rps = List.copyOf(rps);
            notes = List.copyOf(notes);
        }
    }

    /** An Rp (剤) group: drugs sharing one usage; {@code usage} is null when the file gives none (a warning). */
    public record Rp(String number, List<Drug> drugs, Usage usage, List<Note> notes) {

        public Rp {
            drugs = List.copyOf(drugs);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Record 201 with its notes (281 supplement, 291 caution). {@code order}: 1-based position within its Rp.
     * {@code dose} and {@code unit} are null when the file leaves them empty (a warning); {@code codeType} is
     * {@link DrugCodeType#NONE} when the code is missing or unusable (a warning).
     */
    public record Drug(int line, int order, String name, BigDecimal dose, String unit, DrugCodeType codeType,
                       String code, List<Note> notes) {

        public Drug {
            notes = List.copyOf(notes);
        }
    }

    /**
     * Record 301: the usage text and how much was dispensed, e.g. 3 日分 (days) or 5 回分 (doses).
     * {@code dosageForm}: 剤型コード (1 internal, 2 as-needed, 3 external, … as JAHIS numbers them). {@code text},
     * {@code quantity} and {@code quantityUnit} are null when the file leaves them empty (material lines
     * usually do; a warning).
     */
    public record Usage(int line, String text, BigDecimal quantity, String quantityUnit, String dosageForm,
                        String code) {

        public boolean inDays() {
            return quantity != null && "日分".equals(quantityUnit);
        }

        public boolean inDoses() {
            return quantity != null && "回分".equals(quantityUnit);
        }
    }

    /** Record 911: this file is (or holds) parts of one output split in {@code total} parts. */
    public record Split(String dataId, int total, List<Integer> partsPresent) {

        public boolean complete() {
            return partsPresent.size() == total;
        }

        public String describe() {
            return "split output " + dataId + " has " + total + " parts; this upload holds part"
                    + (partsPresent.size() == 1 ? " " : "s ") + partsPresent;
        }
    }
}
