package jp.renkei.hub.gateway.jahis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jp.renkei.hub.gateway.jahis.RxDocument.Drug;
import jp.renkei.hub.gateway.jahis.RxDocument.Rp;
import jp.renkei.hub.gateway.jahis.RxDocument.Usage;
import jp.renkei.hub.gateway.jahis.TcDocument.Institution;
import jp.renkei.hub.gateway.jahis.TcDocument.Person;

/**
 * Reads the text of a JAHIS prescription 2D symbol (院外処方せん2次元シンボル記録条件規約, header {@code JAHIS10}) as a
 * pharmacy's scanner decodes it, with the same text handling and precise errors as {@link JahisTcReader}.
 * <p>
 * Layouts (field indexes after the record number): 1 facility {@code code type, code, prefecture, name} or the
 * short {@code code, name}; 4 department (name last); 5 doctor {@code code, kana, kanji}; 11 patient
 * {@code code, kanji, kana}; 12 sex; 13 birth date; 51 prescription date; 52 expiry; 101 {@code Rp, form class,
 * form name[, quantity]}; 111 {@code Rp, code type, name} or {@code Rp, code type, code, name[, times a day]};
 * 181 {@code Rp, …, text}; 201 {@code Rp, order, information class, code type, code, name, amount, potency flag,
 * unit} or the 7-field form without information class and potency flag that scanners also produce;
 * 211/221/241/281 {@code Rp, order, …} kept as the drug's notes. Required: the facility, the prescription date,
 * and per Rp its form, usage and at least one drug. Insurance, public-funding and remark records are read and
 * reported, not imported; an unknown record number is refused.
 */
public final class JahisRxReader {

    public static final String HEADER = "JAHIS10";
    private static final Pattern RX_HEADER = Pattern.compile("JAHIS\\d+");

    /** True when the text's first non-blank line is a prescription 2D-symbol header ({@code JAHISnn}, not TC). */
    public static boolean isPrescription(TcText text) {
        return text.lines().stream().map(l -> l.text().strip()).filter(l -> !l.isEmpty()).findFirst()
                .map(l -> RX_HEADER.matcher(l.split(",", -1)[0]).matches()).orElse(false);
    }

    public RxDocument read(TcText text) {
        List<RxRecord> records = new ArrayList<>();
        boolean header = false;
        for (TcText.Line line : text.lines()) {
            String content = line.text().strip();
            if (content.isEmpty()) {
                continue;
            }
            if (!header) {
                if (!content.equals(HEADER)) {
                    throw JahisFormatException.ofLine(line.number(), null, "prescription 2D-symbol version '"
                            + content + "' is not supported; this hub reads " + HEADER);
                }
                header = true;
                continue;
            }
            records.add(record(line.number(), content));
        }
        return new Structure().document(text, records);
    }

    private static RxRecord record(int line, String content) {
        List<String> fields = Arrays.asList(content.split(",", -1));
        String number = fields.get(0).strip();
        RxRecordType type = RxRecordType.byNumber(number).orElseThrow(() -> JahisFormatException.ofLine(line, null,
                "unknown record number '" + (number.length() > 20 ? number.substring(0, 20) + "…" : number)
                        + "' (not a record of the JAHIS prescription 2D symbol)"));
        return new RxRecord(line, type, fields.subList(1, fields.size()));
    }

    /** Assembles the document from its records; each record may appear once except the Rp-level ones. */
    private static final class Structure {
        private final Map<RxRecordType, RxRecord> single = new LinkedHashMap<>();
        private final Map<String, RpBuilder> rps = new LinkedHashMap<>();
        private final List<RxRecord> notImported = new ArrayList<>();

        RxDocument document(TcText text, List<RxRecord> records) {
            for (RxRecord record : records) {
                accept(record);
            }
            RxRecord facilityRecord = single.get(RxRecordType.FACILITY);
            if (facilityRecord == null) {
                throw JahisFormatException.ofFile("no medical-institution record 1: who prescribed is required");
            }
            RxRecord issued = single.get(RxRecordType.ISSUE_DATE);
            if (issued == null) {
                throw JahisFormatException.ofFile("no prescription-date record 51: a prescription is dated");
            }
            if (rps.isEmpty()) {
                throw JahisFormatException.ofFile("no dosage-form record 101 with a drug record 201: nothing to"
                        + " import (the hub imports prescribed drugs)");
            }
            List<Rp> built = rps.values().stream().map(RpBuilder::build).toList();
            RxRecord doctor = single.get(RxRecordType.DOCTOR);
            RxRecord department = single.get(RxRecordType.DEPARTMENT);
            String departmentName = department == null ? null
                    : department.required(department.fields().size(), "department name");
            Person prescriber = doctor == null ? null : new Person(doctor.line(), doctorName(doctor), departmentName);
            String facilityCode = facilityCode(facilityRecord);
            return new RxDocument(text.charset(), text.lineEnding(), institution(facilityRecord, facilityCode),
                    facilityCode, prescriber, doctor == null ? null : emptyToNull(doctor.text(1, "doctor code")),
                    patient(), issued.date(1, "prescription date"),
                    Optional.ofNullable(single.get(RxRecordType.EXPIRY_DATE)).map(r -> r.date(1, "expiry date"))
                            .orElse(null), built, notImported);
        }

        private void accept(RxRecord record) {
            switch (record.type()) {
                case DOSAGE_FORM -> dosageForm(record);
                case USAGE -> rp(record).usage(record);
                case USAGE_SUPPLEMENT -> rp(record).usageNotes.add(lastText(record, 2, "usage supplement"));
                case DRUG -> rp(record).drug(record);
                case UNIT_CONVERSION, UNEVEN_DOSING, SINGLE_DOSE, DRUG_SUPPLEMENT -> rp(record).drugOf(record).notes
                        .add(record.type().label().replaceFirst("^\\d+ \\((.*)\\)$", "$1") + ": "
                                + String.join(" ", record.fields().subList(2, record.fields().size()).stream()
                                .map(String::strip).filter(f -> !f.isEmpty()).toList()));
                default -> {
                    if (record.type().imported()) {
                        RxRecord previous = single.putIfAbsent(record.type(), record);
                        if (previous != null) {
                            throw record.error("a second record " + record.type().number() + " (the first is on line "
                                    + previous.line() + ")");
                        }
                    } else {
                        notImported.add(record);
                    }
                }
            }
        }

        private void dosageForm(RxRecord record) {
            String rp = rpNumber(record);
            if (rps.containsKey(rp)) {
                throw record.error(1, "Rp number", "a second dosage-form record for Rp " + rp + " (the first is on line "
                        + rps.get(rp).line + ")");
            }
            String formClass = record.required(2, "dosage-form class");
            if (!formClass.matches("[1-9]|10")) {
                throw record.error(2, "dosage-form class", "'" + formClass + "' is not a dosage-form class (1-10)");
            }
            BigDecimal quantity = record.text(4, "dispensing quantity").isEmpty() ? null
                    : record.positiveDecimal(4, "dispensing quantity");
            rps.put(rp, new RpBuilder(record.line(), rp, formClass, record.required(3, "dosage-form name"), quantity));
        }

        private RpBuilder rp(RxRecord record) {
            String rp = rpNumber(record);
            RpBuilder group = rps.get(rp);
            if (group == null) {
                throw record.error(1, "Rp number", "refers to Rp " + rp + ", which has no dosage-form record 101"
                        + " before it");
            }
            return group;
        }

        private Optional<TcDocument.Patient> patient() {
            RxRecord name = single.get(RxRecordType.PATIENT_NAME);
            RxRecord sex = single.get(RxRecordType.PATIENT_SEX);
            RxRecord birth = single.get(RxRecordType.PATIENT_BIRTH_DATE);
            if (name == null || sex == null || birth == null) {
                // the caller names the patient; without all three the prescription's own details are not mapped
                return Optional.empty();
            }
            String sexCode = sex.required(1, "sex");
            if (!sexCode.equals("1") && !sexCode.equals("2")) {
                throw sex.error(1, "sex", "'" + sexCode + "' is not 1 (male) or 2 (female)");
            }
            return Optional.of(new TcDocument.Patient(name.line(), name.required(2, "patient kanji name"),
                    emptyToNull(name.text(3, "patient kana name")), sexCode, birth.date(1, "birth date")));
        }

        /** Record 1: code type (1 medical, 3 dental), code (7 digits), prefecture (2 digits), name; or code, name. */
        private static String facilityCode(RxRecord record) {
            boolean full = record.fields().size() >= 4;
            String code = record.required(full ? 2 : 1, "institution code");
            if (!code.matches("\\d{7}")) {
                throw record.error(full ? 2 : 1, "institution code", "'" + code + "' where 7 digits are expected");
            }
            if (!full) {
                return code;
            }
            String codeType = record.required(1, "institution code type");
            String prefecture = record.required(3, "prefecture number");
            if (!codeType.matches("[1-6]")) {
                throw record.error(1, "institution code type", "'" + codeType + "' is not one digit 1-6");
            }
            if (!prefecture.matches("\\d{2}")) {
                throw record.error(3, "prefecture number", "'" + prefecture + "' where 2 digits are expected");
            }
            return prefecture + codeType + code;
        }

        private static Institution institution(RxRecord record, String code) {
            String name = record.required(record.fields().size() >= 4 ? 4 : 2, "institution name");
            return new Institution(record.line(), name, code.length() == 10 ? code : null);
        }

        private static String doctorName(RxRecord doctor) {
            String kanji = doctor.text(3, "doctor kanji name");
            return kanji.isEmpty() ? doctor.required(2, "doctor kana name") : kanji;
        }

        private static String lastText(RxRecord record, int from, String name) {
            return record.required(Math.max(from, record.fields().size()), name);
        }
    }

    private static String rpNumber(JahisFields record) {
        String rp = record.required(1, "Rp number");
        if (!rp.matches("\\d{1,3}") || Integer.parseInt(rp) == 0) {
            throw record.error(1, "Rp number", "'" + rp + "' is not an Rp number (1-999)");
        }
        return String.valueOf(Integer.parseInt(rp));
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private static final class RpBuilder {
        private final int line;
        private final String number;
        private final String formClass;
        private final String formName;
        private final BigDecimal quantity;
        private Usage usage;
        private final List<String> usageNotes = new ArrayList<>();
        private final Map<Integer, DrugBuilder> drugs = new LinkedHashMap<>();

        RpBuilder(int line, String number, String formClass, String formName, BigDecimal quantity) {
            this.line = line;
            this.number = number;
            this.formClass = formClass;
            this.formName = formName;
            this.quantity = quantity;
        }

        void usage(RxRecord record) {
            if (usage != null) {
                throw record.error(1, "Rp number", "a second usage for Rp " + number + " (the first is on line "
                        + usage.line() + ")");
            }
            boolean coded = record.fields().size() >= 4;
            usage = new Usage(record.line(), record.required(coded ? 4 : 3, "usage name"),
                    coded ? emptyToNull(record.text(3, "usage code")) : null);
        }

        /** 201: the 9-field layout, or the 7-field one without information class and potency flag. */
        void drug(RxRecord record) {
            int fields = record.fields().size();
            if (fields != 9 && fields != 7) {
                throw record.error("has " + fields + " fields; a drug record has 9 (Rp, order, information class,"
                        + " code type, code, name, amount, potency flag, unit) or 7 (Rp, order, code type, code,"
                        + " name, amount, unit)");
            }
            int shift = fields == 9 ? 1 : 0;
            int order = order(record);
            DrugCodeType.Read code = DrugCodeType.read(record, 3 + shift, 4 + shift);
            DrugBuilder drug = new DrugBuilder(record.line(), order, record.required(5 + shift, "drug name"),
                    record.positiveDecimal(6 + shift, "amount"), record.required(7 + 2 * shift, "unit"), code);
            DrugBuilder previous = drugs.putIfAbsent(order, drug);
            if (previous != null) {
                throw record.error(2, "order in Rp", "drug " + order + " of Rp " + number + " appears twice (also on"
                        + " line " + previous.line + ")");
            }
        }

        DrugBuilder drugOf(RxRecord record) {
            int order = order(record);
            DrugBuilder drug = drugs.get(order);
            if (drug == null) {
                throw record.error(2, "order in Rp", "refers to drug " + order + " of Rp " + number + ", which has no"
                        + " drug record 201 before it");
            }
            return drug;
        }

        private static int order(RxRecord record) {
            String order = record.required(2, "order in Rp");
            if (!order.matches("\\d{1,3}") || Integer.parseInt(order) == 0) {
                throw record.error(2, "order in Rp", "'" + order + "' is not a drug's order in its Rp (1-999)");
            }
            return Integer.parseInt(order);
        }

        Rp build() {
            if (drugs.isEmpty()) {
                throw JahisFormatException.ofLine(line, RxRecordType.DOSAGE_FORM.label(), "Rp " + number
                        + " has no drug record 201");
            }
            if (usage == null) {
                throw JahisFormatException.ofLine(line, RxRecordType.DOSAGE_FORM.label(), "Rp " + number
                        + " has no usage record 111");
            }
            return new Rp(line, number, formClass, formName, quantity, usage, usageNotes,
                    drugs.values().stream().map(DrugBuilder::build).toList());
        }
    }

    private static final class DrugBuilder {
        private final int line;
        private final int order;
        private final String name;
        private final BigDecimal amount;
        private final String unit;
        private final DrugCodeType.Read code;
        private final List<String> notes = new ArrayList<>();

        DrugBuilder(int line, int order, String name, BigDecimal amount, String unit, DrugCodeType.Read code) {
            this.line = line;
            this.order = order;
            this.name = name;
            this.amount = amount;
            this.unit = unit;
            this.code = code;
        }

        Drug build() {
            return new Drug(line, order, name, amount, unit, code.type(), code.code(), notes);
        }
    }
}
