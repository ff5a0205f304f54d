package jp.renkei.hub.gateway.jahis;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.renkei.hub.gateway.jahis.TcDocument.Creator;
import jp.renkei.hub.gateway.jahis.TcDocument.Dispensing;
import jp.renkei.hub.gateway.jahis.TcDocument.Drug;
import jp.renkei.hub.gateway.jahis.TcDocument.Institution;
import jp.renkei.hub.gateway.jahis.TcDocument.NotebookEntry;
import jp.renkei.hub.gateway.jahis.TcDocument.Note;
import jp.renkei.hub.gateway.jahis.TcDocument.OtcDrug;
import jp.renkei.hub.gateway.jahis.TcDocument.OtcIngredient;
import jp.renkei.hub.gateway.jahis.TcDocument.OutputCategory;
import jp.renkei.hub.gateway.jahis.TcDocument.Patient;
import jp.renkei.hub.gateway.jahis.TcDocument.Person;
import jp.renkei.hub.gateway.jahis.TcDocument.Rp;
import jp.renkei.hub.gateway.jahis.TcDocument.SpecialNote;
import jp.renkei.hub.gateway.jahis.TcDocument.SpecialNoteKind;
import jp.renkei.hub.gateway.jahis.TcDocument.Usage;

/**
 * Assembles a TC document from its records in file order: the patient record, the patient-level records (2, 3/31,
 * 4, 601, 701), and dispensing blocks (record 5 and what follows it up to the next 5), where drug-level records
 * (281, 291) follow their drug (201) and Rp-level records (301, 311, 391) name an Rp that has a drug. Field
 * positions are those of the JAHIS TC tables.
 * <p>
 * Lenient where the meaning is clear, strict where it matters (the gateway README has the table per field): the
 * file is refused only when it cannot be attributed to one patient (record 1 missing, unreadable or contradicted)
 * or a dispensing cannot be dated (record 5). A field that is missing or malformed but whose record still says
 * something clear (a drug without usage name, quantity or code) is imported with a warning naming line, record and
 * field, keeping what it has; a record that says nothing usable (an empty note, a usage of an Rp that has no drug)
 * is not mapped, with its reason. Both end up in {@link TcDocument#lines()}.
 */
final class TcStructure {

    private final List<TcRecord> records;
    private final TcLines lines;
    private Patient patient;
    private final List<DispensingBuilder> dispensings = new ArrayList<>();
    private final List<SpecialNote> specialNotes = new ArrayList<>();
    private final List<OtcBuilder> otcDrugs = new ArrayList<>();
    private final List<NotebookEntry> entries = new ArrayList<>();

    TcStructure(List<TcRecord> records, TcLines lines) {
        this.records = records;
        this.lines = lines;
    }

    TcDocument document(int version, OutputCategory category, TcText text, Optional<TcDocument.Split> split) {
        for (TcRecord record : records) {
            if (record.type() == TcRecordType.PATIENT || record.type() == TcRecordType.DISPENSING_DATE) {
                accept(record); // strict: the file's patient and the dating of a dispensing
                continue;
            }
            try {
                accept(record);
            } catch (JahisFormatException e) {
                lines.notMapped(e.line() == 0 ? record.line() : e.line(), record.label(), e.getMessage());
            }
        }
        if (patient == null) {
            throw JahisFormatException.ofFile("no patient record (1); every TC file names its patient");
        }
        List<Dispensing> built = new ArrayList<>();
        for (DispensingBuilder dispensing : dispensings) {
            dispensing.build(lines).ifPresent(built::add);
        }
        List<OtcDrug> otc = otcDrugs.stream().map(OtcBuilder::build).toList();
        return new TcDocument(version, category, text.charset(), text.lineEnding(), patient, built, split,
                specialNotes, otc, entries, lines.build());
    }

    private void accept(TcRecord record) {
        switch (record.type()) {
            case PATIENT -> patient(record);
            case SPECIAL_NOTE -> specialNote(record);
            case OTC_DRUG -> otcDrug(record);
            case OTC_INGREDIENT -> otcIngredient(record);
            case MEMO -> entry(record, "memo text", "memo date", 3,
                    "Observation (notebook memo 手帳メモ)");
            case PATIENT_NOTE -> entry(record, "patient note text", "entry date", 0,
                    "Observation (patient-reported 患者等記入情報, performer the patient)");
            case PRIMARY_PHARMACIST -> lines.notMapped(record, "record 701 (primary pharmacist かかりつけ薬剤師) names"
                    + " a care relationship, not clinical data: the hub does not keep it");
            case DISPENSING_DATE -> {
                DispensingBuilder dispensing = new DispensingBuilder(record.line(), record.date(1, "dispensing date"));
                dispensing.records.add(record);
                dispensings.add(dispensing);
                lines.imported(record, "MedicationDispense.whenHandedOver of the dispensing's drugs");
            }
            case PHARMACY -> {
                current(record).pharmacy(record, institution(record));
                lines.imported(record, "MedicationDispense.performer (dispensing pharmacy)");
            }
            case PHARMACIST -> {
                current(record).pharmacist(record, new Person(record.line(), record.required(1, "pharmacist name"),
                        null));
                lines.imported(record, "MedicationDispense.performer (pharmacist)");
            }
            case PRESCRIBING_FACILITY -> {
                current(record).prescribingFacility(record, institution(record));
                lines.imported(record, "prescribing facility of the dispensing's MedicationDispenses");
            }
            case PRESCRIBER -> {
                current(record).prescriber(record, new Person(record.line(), record.required(1, "prescriber name"),
                        emptyToNull(record.text(2, "department"))), lines);
                lines.imported(record, "prescriber of the dispensing's MedicationDispenses");
            }
            case DRUG -> current(record).drug(record, drug(record), lines);
            case DRUG_SUPPLEMENT, DRUG_CAUTION -> {
                DrugBuilder drug = current(record).rp(record).lastDrug();
                drug.notes.add(note(record, 2, (record.type() == TcRecordType.DRUG_SUPPLEMENT ? "MedicationDispense.note"
                        : "MedicationDispense.dosageInstruction.additionalInstruction") + " of the drug on line "
                        + drug.line));
            }
            case USAGE -> current(record).rp(record).usage(record, usage(record));
            case USAGE_SUPPLEMENT, RP_CAUTION -> {
                RpBuilder rp = current(record).rp(record);
                rp.notes.add(note(record, 2, "MedicationDispense.dosageInstruction.additionalInstruction of the"
                        + " drugs of Rp " + rp.number));
            }
            case DISPENSING_CAUTION -> current(record).note(record, note(record, 1,
                    "MedicationDispense.dosageInstruction.additionalInstruction of every drug of the dispensing"));
            case PROVIDED_INFORMATION, REMAINING_MEDICINE, REMARKS -> current(record).note(record, note(record, 1,
                    "MedicationDispense.note of every drug of the dispensing"));
            case SPLIT_CONTROL -> throw new IllegalStateException("split control is handled per part");
        }
    }

    /** A note's text (required: an empty note says nothing and is not mapped). */
    private Note note(TcRecord record, int index, String what) {
        Note note = new Note(record.line(), record.type(), record.required(index, "text"));
        lines.imported(record, what);
        return note;
    }

    private void patient(TcRecord record) {
        String sex = record.required(2, "sex");
        if (!sex.equals("1") && !sex.equals("2")) {
            throw record.error(2, "sex", "'" + sex + "' is not 1 (male) or 2 (female)");
        }
        Patient read = new Patient(record.line(), record.required(1, "name"), emptyToNull(record.text(10, "name kana")),
                sex, record.date(3, "birth date"));
        if (patient != null && !sameAs(patient, read)) {
            throw record.error("a second patient record that differs from the first (line " + patient.line()
                    + "); a TC file is about one patient");
        }
        if (patient == null) {
            patient = read;
            lines.imported(record, "Patient (name, kana name, sex, birth date; address, phones, blood type and"
                    + " weight are the pharmacy's own record's to keep)");
        } else {
            lines.imported(record, "Patient (repeats line " + patient.line() + ")");
        }
    }

    private static boolean sameAs(Patient a, Patient b) {
        return a.name().equals(b.name()) && a.sex().equals(b.sex()) && a.birthDate().equals(b.birthDate());
    }

    /** Record 2: kind, text, creator. An unknown kind is kept as "other" with a warning. */
    private void specialNote(TcRecord record) {
        String text = record.required(2, "special note text");
        String code = record.text(1, "special note kind");
        SpecialNoteKind kind = SpecialNoteKind.of(code).orElseGet(() -> {
            lines.warned(record.error(1, "special note kind", (code.isEmpty() ? "empty" : "'" + code + "'")
                    + " is not 1 (allergy), 2 (side effect), 3 (past illness) or 9 (other); kept as other"));
            return SpecialNoteKind.OTHER;
        });
        specialNotes.add(new SpecialNote(record.line(), kind, text, Creator.of(record.text(3, "creator"))));
        lines.imported(record, switch (kind) {
            case ALLERGY -> "AllergyIntolerance (allergy アレルギー歴)";
            case SIDE_EFFECT -> "AllergyIntolerance (side effect 副作用歴, with its reaction)";
            case PAST_ILLNESS -> "Condition (past illness 既往歴)";
            case OTHER -> "Condition (other special note その他)";
        });
    }

    /** Record 3: name, start, end, creator, sequence number (what 31 refers to), JAN code. */
    private void otcDrug(TcRecord record) {
        String name = record.required(1, "OTC drug name");
        String jan = record.text(6, "JAN code");
        if (!jan.isEmpty() && !jan.matches("\\d{8}|\\d{13}")) {
            lines.warned(record.error(6, "JAN code", "'" + jan + "' is not a JAN code (8 or 13 digits); the drug"
                    + " is kept by its name"));
            jan = "";
        }
        OtcBuilder otc = new OtcBuilder(record.line(), name, optionalDate(record, 2, "start date"),
                optionalDate(record, 3, "end date"), Creator.of(record.text(4, "creator")),
                record.text(5, "OTC sequence number"), emptyToNull(jan));
        otcDrugs.add(otc);
        lines.imported(record, "MedicationStatement (OTC drug, patient-specified)");
    }

    /** Record 31: the OTC drug's sequence number (record 3 field 5, else its position), name, code type, code. */
    private void otcIngredient(TcRecord record) {
        String parent = record.required(1, "OTC drug number");
        OtcBuilder otc = otcDrugs.stream().filter(o -> o.sequence.equals(parent)).findFirst()
                .or(() -> parent.matches("\\d{1,3}") && Integer.parseInt(parent) >= 1
                        && Integer.parseInt(parent) <= otcDrugs.size()
                        && otcDrugs.get(Integer.parseInt(parent) - 1).sequence.isEmpty()
                        ? Optional.of(otcDrugs.get(Integer.parseInt(parent) - 1)) : Optional.empty())
                .orElseThrow(() -> record.error(1, "OTC drug number", "refers to OTC drug " + parent + ", but "
                        + (otcDrugs.isEmpty() ? "no OTC drug record 3 precedes it"
                        : "no OTC drug record 3 before it has that number")));
        String name = record.required(2, "ingredient name");
        String type = record.text(3, "code type");
        String code = record.text(4, "ingredient code");
        if (type.equals("2") && code.isEmpty()) {
            lines.warned(record.error(4, "ingredient code", "empty, but code type 2 (SMDC ingredient code) needs"
                    + " one; the ingredient is kept by its name"));
        } else if (!type.equals("1") && !type.equals("2")) {
            lines.warned(record.error(3, "code type", (type.isEmpty() ? "empty" : "'" + type + "'")
                    + " is not 1 (none) or 2 (SMDC ingredient code); the ingredient is kept by its name"));
            code = "";
        }
        otc.ingredients.add(new OtcIngredient(record.line(), name, type.equals("2") && !code.isEmpty() ? code : null));
        lines.imported(record, "ingredient of the OTC MedicationStatement of line " + otc.line);
    }

    /** Records 4 and 601: text, date, and (4 only) the creator; 601 is by definition the patient's. */
    private void entry(TcRecord record, String textName, String dateName, int creatorIndex, String what) {
        String text = record.required(1, textName);
        LocalDate date = optionalDate(record, 2, dateName);
        Creator creator = creatorIndex == 0 ? Creator.PATIENT : Creator.of(record.text(creatorIndex, "creator"));
        entries.add(new NotebookEntry(record.line(), record.type(), text, date, creator));
        lines.imported(record, what);
    }

    /** An optional date; a malformed one is left out with a warning. */
    private LocalDate optionalDate(TcRecord record, int index, String name) {
        try {
            return record.optionalDate(index, name);
        } catch (JahisFormatException e) {
            lines.warned(new JahisFormatException(e.line(), e.record(), e.field(), e.fieldName(), e.reason()
                    + "; left out"));
            return null;
        }
    }

    /**
     * Records 11 and 51: name, then prefecture (2 digits), fee-schedule type (1 digit), institution number
     * (7 digits) — all three or none. A partial or malformed code is left out with a warning: the name still says
     * who it is.
     */
    private Institution institution(TcRecord record) {
        String name = record.required(1, "name");
        String prefecture = record.text(2, "prefecture number");
        String feeSchedule = record.text(3, "fee-schedule type");
        String number = record.text(4, "institution number");
        if (prefecture.isEmpty() && feeSchedule.isEmpty() && number.isEmpty()) {
            return new Institution(record.line(), name, null);
        }
        Optional<JahisFormatException> problem = check(record, 2, "prefecture number", prefecture, "\\d{2}", "2 digits")
                .or(() -> check(record, 3, "fee-schedule type", feeSchedule, "[1-6]", "one digit 1-6"))
                .or(() -> check(record, 4, "institution number", number, "\\d{7}", "7 digits"));
        if (problem.isPresent()) {
            lines.warned(problem.get());
            return new Institution(record.line(), name, null);
        }
        return new Institution(record.line(), name, prefecture + feeSchedule + number);
    }

    private static Optional<JahisFormatException> check(TcRecord record, int index, String name, String value,
                                                         String pattern, String expected) {
        if (value.matches(pattern)) {
            return Optional.empty();
        }
        return Optional.of(record.error(index, name, (value.isEmpty() ? "empty" : "'" + value + "'") + " where "
                + expected + " are expected (the medical-institution code is given whole or not at all); the"
                + " facility is kept by its name"));
    }

    /**
     * Record 201. Required: the Rp number and the drug's name. Dose, unit and code may be empty (patient-written
     * files, materials) or malformed: the drug is imported without them, with a warning.
     */
    private DrugBuilder drug(TcRecord record) {
        String name = record.required(2, "drug name");
        BigDecimal dose = null;
        try {
            if (!record.text(3, "dose").isEmpty()) {
                dose = record.positiveDecimal(3, "dose");
            } else {
                lines.warned(record.error(3, "dose", "empty; the drug is imported without its amount"));
            }
        } catch (JahisFormatException e) {
            lines.warned(new JahisFormatException(e.line(), e.record(), e.field(), e.fieldName(), e.reason()
                    + "; the drug is imported without its amount"));
        }
        String unit = emptyToNull(record.text(4, "unit"));
        if (unit == null && dose != null) {
            lines.warned(record.error(4, "unit", "empty; the amount is imported without its unit"));
        }
        DrugCodeType codeType = DrugCodeType.NONE;
        String code = null;
        if (record.text(5, "code type").isEmpty()) {
            lines.warned(record.error(5, "code type", "empty; the drug is imported by its name only"));
        } else {
            try {
                DrugCodeType.Read read = DrugCodeType.read(record, 5, 6);
                codeType = read.type();
                code = read.code();
            } catch (JahisFormatException e) {
                lines.warned(new JahisFormatException(e.line(), e.record(), e.field(), e.fieldName(), e.reason()
                        + "; the drug is imported by its name only"));
            }
        }
        return new DrugBuilder(record.line(), name, dose, unit, codeType, code);
    }

    /**
     * Record 301. Required: the Rp number. Usage name, quantity and its unit may be empty (materials, ordinary
     * drugs in real notebooks): the Rp's drugs are imported without them, with a warning.
     */
    private Usage usage(TcRecord record) {
        String text = emptyToNull(record.text(2, "usage name"));
        String dosageForm = emptyToNull(record.text(5, "dosage form"));
        boolean material = "9".equals(dosageForm) || "10".equals(dosageForm);
        if (text == null && !material) {
            // JAHIS lets only materials (9) and others (10) go without a usage name; a drug's intake is unknown
            lines.warned(record.error(2, "usage name", "empty, but required unless the dosage form is material (9)"
                    + " or other (10); the Rp's drugs are imported without a usage text"));
        }
        BigDecimal quantity = null;
        try {
            if (record.text(3, "quantity").isEmpty()) {
                lines.warned(record.error(3, "quantity", "empty; the dispensed amount is imported as the drug"
                        + " record gives it, without days supply"));
            } else {
                quantity = record.positiveDecimal(3, "quantity");
            }
        } catch (JahisFormatException e) {
            lines.warned(new JahisFormatException(e.line(), e.record(), e.field(), e.fieldName(), e.reason()
                    + "; the dispensed amount is imported as the drug record gives it, without days supply"));
        }
        String unit = emptyToNull(record.text(4, "quantity unit"));
        if (unit == null && quantity != null) {
            lines.warned(record.error(4, "quantity unit", "empty; the quantity cannot be told days or doses, so the"
                    + " dispensed amount is imported as the drug record gives it"));
            quantity = null;
        }
        lines.imported(record, "MedicationDispense.dosageInstruction, quantity and days supply of the Rp's drugs"
                + (text == null && material ? " (a material: no usage name)" : ""));
        return new Usage(record.line(), text, quantity, unit, dosageForm, emptyToNull(record.text(7, "usage code")));
    }

    private DispensingBuilder current(TcRecord record) {
        if (dispensings.isEmpty()) {
            throw record.error("comes before any dispensing-date record 5; it belongs to a dispensing, and without"
                    + " one it has no date");
        }
        DispensingBuilder dispensing = dispensings.get(dispensings.size() - 1);
        dispensing.records.add(record);
        return dispensing;
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private static final class DispensingBuilder {
        private final int line;
        private final LocalDate date;
        private Institution pharmacy;
        private Person pharmacist;
        private Institution prescribingFacility;
        private Person prescriber;
        private final Map<String, RpBuilder> rps = new LinkedHashMap<>();
        private final List<Note> notes = new ArrayList<>();
        private final List<Integer> prescriberLines = new ArrayList<>();
        /** Every record of the block, to account for them when the block has no drug. */
        private final List<TcRecord> records = new ArrayList<>();

        DispensingBuilder(int line, LocalDate date) {
            this.line = line;
            this.date = date;
        }

        void pharmacy(TcRecord record, Institution value) {
            pharmacy = once(record, pharmacy == null ? null : pharmacy.line(), value);
        }

        void pharmacist(TcRecord record, Person value) {
            pharmacist = once(record, pharmacist == null ? null : pharmacist.line(), value);
        }

        void prescribingFacility(TcRecord record, Institution value) {
            prescribingFacility = once(record, prescribingFacility == null ? null : prescribingFacility.line(), value);
        }

        /**
         * JAHIS lets a further record 55 name the prescriber of the Rps after it; the hub keeps one prescriber per
         * dispensing, so when a dispensing names two doctors none is named on its drugs (the prescribing facility
         * still is) rather than attributing one doctor's drugs to the other.
         */
        void prescriber(TcRecord record, Person value, TcLines lines) {
            if (prescriber == null && prescriberLines.isEmpty()) {
                prescriber = value;
            } else if (prescriber != null && prescriber.name().equals(value.name())) {
                throw record.error("repeats the prescriber of line " + prescriber.line());
            } else {
                prescriber = null;
                lines.warned(record.error("a second prescriber in the dispensing of line " + line + " (the"
                        + " first on line " + prescriberLines.get(0) + "); JAHIS lets it name the prescriber of the"
                        + " Rps after it, the hub keeps one per dispensing: no doctor is named on this dispensing's"
                        + " drugs, the prescribing facility is"));
            }
            prescriberLines.add(record.line());
        }

        void note(TcRecord record, Note note) {
            notes.add(note);
        }

        private <T> T once(TcRecord record, Integer previousLine, T value) {
            if (previousLine != null) {
                throw record.error("a second record " + record.type().number() + " in the dispensing of line " + line
                        + " (the first, on line " + previousLine + ", is used)");
            }
            return value;
        }

        void drug(TcRecord record, DrugBuilder drug, TcLines lines) {
            String rp = rpNumber(record);
            RpBuilder group = rps.computeIfAbsent(rp, RpBuilder::new);
            if (group.usage != null) {
                lines.warned(record.error(1, "Rp number", "drug of Rp " + rp + " after that Rp's usage record 301"
                        + " (line " + group.usage.line() + "); an Rp's drugs come before its usage, but the Rp is"
                        + " clear, so it is imported with that usage"));
            }
            drug.order = group.drugs.size() + 1;
            group.drugs.add(drug);
            lines.imported(record, "MedicationDispense (Rp " + rp + ", drug " + drug.order + ")");
        }

        RpBuilder rp(TcRecord record) {
            String rp = rpNumber(record);
            RpBuilder group = rps.get(rp);
            if (group == null) {
                throw record.error(1, "Rp number", "refers to Rp " + rp + ", which has no drug record 201 before it"
                        + " in the dispensing of line " + line);
            }
            return group;
        }

        private static String rpNumber(TcRecord record) {
            String rp = record.required(1, "Rp number");
            if (!rp.matches("\\d{1,3}") || Integer.parseInt(rp) == 0) {
                throw record.error(1, "Rp number", "'" + rp + "' is not an Rp number (1-999)");
            }
            return String.valueOf(Integer.parseInt(rp));
        }

        /** The dispensing, or empty (its records listed as not mapped) when it has no drug to attach anything to. */
        Optional<Dispensing> build(TcLines lines) {
            if (rps.isEmpty()) {
                for (TcRecord record : records) {
                    lines.notMappedAfterAll(record, "the dispensing of line " + line + " has no drug record 201: nothing"
                            + " to attach " + (record.line() == line ? "its date" : "this record") + " to");
                }
                return Optional.empty();
            }
            if (pharmacy == null) {
                lines.warned(JahisFormatException.ofLine(line, TcRecordType.DISPENSING_DATE.label(), "the dispensing"
                        + " has drugs but no pharmacy record 11; its drugs are imported without the dispensing"
                        + " pharmacy"));
            }
            List<Rp> built = new ArrayList<>();
            for (RpBuilder rp : rps.values()) {
                if (rp.usage == null) {
                    lines.warned(JahisFormatException.ofLine(rp.drugs.get(0).line, TcRecordType.DRUG.label(), "Rp "
                            + rp.number + " of the dispensing of line " + line + " has no usage record 301; its drugs"
                            + " are imported without usage and days supply"));
                }
                built.add(new Rp(rp.number, rp.drugs.stream().map(DrugBuilder::build).toList(), rp.usage, rp.notes));
            }
            return Optional.of(new Dispensing(line, date, pharmacy, pharmacist, prescribingFacility, prescriber,
                    built, notes));
        }
    }

    private static final class RpBuilder {
        private final String number;
        private final List<DrugBuilder> drugs = new ArrayList<>();
        private Usage usage;
        private final List<Note> notes = new ArrayList<>();

        RpBuilder(String number) {
            this.number = number;
        }

        DrugBuilder lastDrug() {
            return drugs.get(drugs.size() - 1);
        }

        void usage(TcRecord record, Usage value) {
            if (usage != null) {
                throw record.error(1, "Rp number", "a second usage for Rp " + number + " (the first, on line "
                        + usage.line() + ", is used)");
            }
            usage = value;
        }
    }

    private static final class OtcBuilder {
        private final int line;
        private final String name;
        private final LocalDate start;
        private final LocalDate end;
        private final Creator creator;
        private final String sequence;
        private final String jan;
        private final List<OtcIngredient> ingredients = new ArrayList<>();

        OtcBuilder(int line, String name, LocalDate start, LocalDate end, Creator creator, String sequence, String jan) {
            this.line = line;
            this.name = name;
            this.start = start;
            this.end = end;
            this.creator = creator;
            this.sequence = sequence;
            this.jan = jan;
        }

        OtcDrug build() {
            return new OtcDrug(line, name, start, end, creator, jan, ingredients);
        }
    }

    private static final class DrugBuilder {
        private final int line;
        private final String name;
        private final BigDecimal dose;
        private final String unit;
        private final DrugCodeType codeType;
        private final String code;
        private final List<Note> notes = new ArrayList<>();
        private int order;

        DrugBuilder(int line, String name, BigDecimal dose, String unit, DrugCodeType codeType, String code) {
            this.line = line;
            this.name = name;
            this.dose = dose;
            this.unit = unit;
            this.codeType = codeType;
            this.code = code;
        }

        Drug build() {
            return new Drug(line, order, name, dose, unit, codeType, code, notes);
        }
    }
}
