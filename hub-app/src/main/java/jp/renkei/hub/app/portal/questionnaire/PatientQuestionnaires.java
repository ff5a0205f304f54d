package jp.renkei.hub.app.portal.questionnaire;

import java.util.List;

import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.regional.questionnaire.AnsweredSheets;
import org.springframework.stereotype.Component;

/**
 * The 問診 section of the patient page: the web questionnaires the person's own facility issued to this patient and
 * the patient answered, newest visit first. Another facility's questionnaires never appear (they are not asked for).
 */
@Component
public class PatientQuestionnaires {

    /** At most this many answered sheets on the page. */
    static final int SHOWN = 5;

    private final AnsweredSheets sheets;

    PatientQuestionnaires(AnsweredSheets sheets) {
        this.sheets = sheets;
    }

    public List<AnsweredSheets.Sheet> patient(EventNumber number, Requester requester) {
        return sheets.answeredFor(requester, number, SHOWN);
    }
}
