package jp.renkei.hub.gateway.jahis;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.renkei.hub.gateway.jahis.TcDocument.Dispensing;
import jp.renkei.hub.gateway.jahis.TcDocument.Drug;
import jp.renkei.hub.gateway.jahis.TcDocument.Institution;
import jp.renkei.hub.gateway.jahis.TcDocument.OutputCategory;
import jp.renkei.hub.gateway.jahis.TcDocument.Patient;
import jp.renkei.hub.gateway.jahis.TcDocument.Person;
import jp.renkei.hub.gateway.jahis.TcDocument.Rp;
import jp.renkei.hub.gateway.jahis.TcDocument.Usage;

/**
 * Assembles a TC document from its records in file order: the patient record, then dispensing blocks (record 5
 * and what follows it up to the next 5), where drug-level records (281, 291) follow their drug (201) and Rp-level
 * records (301, 311, 391) name an Rp that has a drug. Field positions are those of the JAHIS TC tables.
 */
final class TcStructure {

    private final List<TcRecord> records;
    private Patient patient;
    private final List<DispensingBuilder> dispensings = new ArrayList<>();
    private final List<TcRecord> notImported = new ArrayList<>();
    private int otcDrugs;

    TcStructure(List<TcRecord> records) {
        this.records = records;
    }

    TcDocument document(String version, OutputCategory category, TcText text, Optional<TcDocument.Split> split) {
        for (TcRecord record : records) {
            accept(record);
        }
        if (patient == null) {
            throw JahisFormatException.ofFile("no patient record (1); every TC file names its patient");
        }
        List<Dispensing> built = dispensings.stream().map(DispensingBuilder::build).toList();
        if (built.stream().allMatch(d -> d.rps().isEmpty())) {
            throw JahisFormatException.ofFile("no dispensing (record 5) with a drug (record 201): nothing to import"
                    + " (the hub imports dispensed drugs; OTC drugs, memos and notes alone are not imported)");
        }
        return new TcDocument(Integer.parseInt(version), category, text.charset(), text.lineEnding(), patient,
                built, split, notImported);
    }

    private void accept(TcRecord record) {
        switch (record.type()) {
            case PATIENT -> patient(record);
            case OTC_DRUG -> {
                otcDrugs++;
                notImported.add(record);
            }
            case OTC_INGREDIENT -> {
                String parent = record.required(1, "OTC drug number");
                if (!parent.matches("\\d+") || Integer.parseInt(parent) < 1 || Integer.parseInt(parent) > otcDrugs) {
                    throw record.error(1, "OTC drug number", "refers to OTC drug " + parent + ", but "
                            + (otcDrugs == 0 ? "no OTC drug record 3 precedes it" : "only " + otcDrugs
                            + " OTC drug record(s) 3 precede it"));
                }
                notImported.add(record);
            }
            case SPECIAL_NOTE, MEMO, PATIENT_NOTE, PRIMARY_PHARMACIST -> notImported.add(record);
            case DISPENSING_DATE -> dispensings.add(new DispensingBuilder(record.line(),
                    record.date(1, "dispensing date")));
            case PHARMACY -> current(record).pharmacy(record, institution(record));
            case PHARMACIST -> current(record).pharmacist(record, new Person(record.line(),
                    record.required(1, "pharmacist name"), null));
            case PRESCRIBING_FACILITY -> current(record).prescribingFacility(record, institution(record));
            case PRESCRIBER -> current(record).prescriber(record, new Person(record.line(),
                    record.required(1, "prescriber name"), emptyToNull(record.text(2, "department"))));
            case DRUG -> current(record).drug(record, drug(record));
            case DRUG_SUPPLEMENT, DRUG_CAUTION -> current(record).rp(record).lastDrug()
                    .notes.add(record.required(2, "text"));
            case USAGE -> current(record).rp(record).usage(record, usage(record));
            case USAGE_SUPPLEMENT, RP_CAUTION -> current(record).rp(record).notes.add(record.required(2, "text"));
            case DISPENSING_CAUTION, PROVIDED_INFORMATION, REMAINING_MEDICINE, REMARKS ->
                    current(record).notes.add(record.required(1, "text"));
            case SPLIT_CONTROL -> throw new IllegalStateException("split control is handled per part");
        }
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
        }
    }

    private static boolean sameAs(Patient a, Patient b) {
        return a.name().equals(b.name()) && a.sex().equals(b.sex()) && a.birthDate().equals(b.birthDate());
    }

    /**
     * Records 11 and 51: name, then prefecture (2 digits), fee-schedule type (1 digit), institution number
     * (7 digits) — all three or none.
     */
    private static Institution institution(TcRecord record) {
        String name = record.required(1, "name");
        String prefecture = record.text(2, "prefecture number");
        String feeSchedule = record.text(3, "fee-schedule type");
        String number = record.text(4, "institution number");
        if (prefecture.isEmpty() && feeSchedule.isEmpty() && number.isEmpty()) {
            return new Institution(record.line(), name, null);
        }
        check(record, 2, "prefecture number", prefecture, "\\d{2}", "2 digits");
        check(record, 3, "fee-schedule type", feeSchedule, "[1-6]", "one digit 1-6");
        check(record, 4, "institution number", number, "\\d{7}", "7 digits");
        return new Institution(record.line(), name, prefecture + feeSchedule + number);
    }

    private static void check(TcRecord record, int index, String name, String value, String pattern, String expected) {
        if (!value.matches(pattern)) {
            throw record.error(index, name, (value.isEmpty() ? "empty" : "'" + value + "'") + " where "
                    + expected + " are expected (the medical-institution code is given whole or not at all)");
        }
    }

    private static DrugBuilder drug(TcRecord record) {
        String name = record.required(2, "drug name");
        BigDecimal dose = record.positiveDecimal(3, "dose");
        String unit = record.required(4, "unit");
        DrugCodeType.Read code = DrugCodeType.read(record, 5, 6);
        return new DrugBuilder(record.line(), name, dose, unit, code.type(), code.code());
    }

    private static Usage usage(TcRecord record) {
        return new Usage(record.line(), record.required(2, "usage name"), record.positiveDecimal(3, "quantity"),
                record.required(4, "quantity unit"), emptyToNull(record.text(5, "dosage form")),
                emptyToNull(record.text(7, "usage code")));
    }

    private DispensingBuilder current(TcRecord record) {
        if (dispensings.isEmpty()) {
            throw record.error("comes before any dispensing-date record 5; it belongs to a dispensing");
        }
        return dispensings.get(dispensings.size() - 1);
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
        private final List<String> notes = new ArrayList<>();

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

        void prescriber(TcRecord record, Person value) {
            prescriber = once(record, prescriber == null ? null : prescriber.line(), value);
        }

        private <T> T once(TcRecord record, Integer previousLine, T value) {
            if (previousLine != null) {
                throw record.error("a second record " + record.type().number() + " in the dispensing of line " + line
                        + " (the first is on line " + previousLine + ")");
            }
            return value;
        }

        void drug(TcRecord record, DrugBuilder drug) {
            String rp = rpNumber(record);
            RpBuilder group = rps.computeIfAbsent(rp, RpBuilder::new);
            if (group.usage != null) {
                throw record.error(1, "Rp number", "drug of Rp " + rp + " after that Rp's usage record 301 (line "
                        + group.usage.line() + "); an Rp's drugs come before its usage");
            }
            drug.order = group.drugs.size() + 1;
            group.drugs.add(drug);
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

        Dispensing build() {
            if (!rps.isEmpty() && pharmacy == null) {
                throw JahisFormatException.ofLine(line, TcRecordType.DISPENSING_DATE.label(), "the dispensing has drugs"
                        + " but no pharmacy record 11; who dispensed them is required");
            }
            List<Rp> built = new ArrayList<>();
            for (RpBuilder rp : rps.values()) {
                if (rp.usage == null) {
                    throw JahisFormatException.ofLine(rp.drugs.get(0).line, TcRecordType.DRUG.label(), "Rp " + rp.number
                            + " of the dispensing of line " + line + " has no usage record 301");
                }
                built.add(new Rp(rp.number, rp.drugs.stream().map(DrugBuilder::build).toList(), rp.usage, rp.notes));
            }
            return new Dispensing(line, date, pharmacy, pharmacist, prescribingFacility, prescriber, built, notes);
        }
    }

    private static final class RpBuilder {
        private final String number;
        private final List<DrugBuilder> drugs = new ArrayList<>();
        private Usage usage;
        private final List<String> notes = new ArrayList<>();

        RpBuilder(String number) {
            this.number = number;
        }

        DrugBuilder lastDrug() {
            return drugs.get(drugs.size() - 1);
        }

        void usage(TcRecord record, Usage value) {
            if (usage != null) {
                throw record.error(1, "Rp number", "a second usage for Rp " + number + " (the first is on line "
                        + usage.line() + ")");
            }
            usage = value;
        }
    }

    private static final class DrugBuilder {
        private final int line;
        private final String name;
        private final BigDecimal dose;
        private final String unit;
        private final DrugCodeType codeType;
        private final String code;
        private final List<String> notes = new ArrayList<>();
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
