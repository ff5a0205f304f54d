package jp.renkei.hub.regional.questionnaire;

import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/** A questionnaire version's life: edited as a draft, published (patients answer it), retired. */
public enum FormStatus {
    DRAFT(PublicationStatus.DRAFT), ACTIVE(PublicationStatus.ACTIVE), RETIRED(PublicationStatus.RETIRED);

    private final PublicationStatus fhir;

    FormStatus(PublicationStatus fhir) {
        this.fhir = fhir;
    }

    public PublicationStatus fhir() {
        return fhir;
    }
}
