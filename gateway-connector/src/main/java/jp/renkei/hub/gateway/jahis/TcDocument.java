package jp.renkei.hub.gateway.jahis;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A read e-medication-notebook (TC) file: one patient and their dispensings (調剤), each with its pharmacy,
 * prescriber and Rp groups of drugs with a usage. Records the hub does not import (OTC drugs, memos, patient
 * notes, special notes, primary pharmacist) are counted in {@code notImported}, not dropped silently.
 */
public record TcDocument(int version, OutputCategory outputCategory, Charset charset, TcText.LineEnding lineEnding,
                         Patient patient, List<Dispensing> dispensings, Optional<Split> split,
                         List<TcRecord> notImported) {

    public TcDocument {
        dispensings = List.copyOf(dispensings);
        notImported = List.copyOf(notImported);
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

    /** A block starting with record 5. */
    public record Dispensing(int line, LocalDate date, Institution pharmacy, Person pharmacist,
                             Institution prescribingFacility, Person prescriber, List<Rp> rps, List<String> notes) {

        public Dispensing {
            rps = List.copyOf(rps);
            notes = List.copyOf(notes);
        }
    }

    /** An Rp (剤) group: drugs sharing one usage. */
    public record Rp(String number, List<Drug> drugs, Usage usage, List<String> notes) {

        public Rp {
            drugs = List.copyOf(drugs);
            notes = List.copyOf(notes);
        }
    }

    /** Record 201 with its notes (281 supplement, 291 caution). {@code order}: 1-based position within its Rp. */
    public record Drug(int line, int order, String name, BigDecimal dose, String unit, DrugCodeType codeType,
                       String code, List<String> notes) {

        public Drug {
            notes = List.copyOf(notes);
        }
    }

    /**
     * Record 301: the usage text and how much was dispensed, e.g. 3 日分 (days) or 5 回分 (doses).
     * {@code dosageForm}: 剤型コード (1 internal, 2 as-needed, 3 external, … as JAHIS numbers them).
     */
    public record Usage(int line, String text, BigDecimal quantity, String quantityUnit, String dosageForm,
                        String code) {

        public boolean inDays() {
            return "日分".equals(quantityUnit);
        }

        public boolean inDoses() {
            return "回分".equals(quantityUnit);
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
