package jp.renkei.hub.regional.directory;

/** Whether a facility accepts new patients, with a note such as 「訪問診療は月2名まで」. */
public record NewPatients(Acceptance acceptance, String note) {

    public static final int NOTE_MAX = 200;

    public NewPatients {
        if (acceptance == null) {
            throw InvalidInput.of("newPatients.acceptance", "新規患者の受け入れは YES・NO・ASK のいずれかです");
        }
        note = note == null || note.isBlank() ? null : note.strip();
        if (note != null && note.length() > NOTE_MAX) {
            throw InvalidInput.of("newPatients.note", "受け入れの備考は " + NOTE_MAX + " 文字以内で入力してください");
        }
    }
}
