package jp.renkei.hub.consent;

/** The kinds of information a patient agrees to share; each is consented to (and withdrawn) separately. */
public enum ConsentCategory {
    /** 診療情報共有: clinical records (problems, results, documents). */
    CLINICAL,
    /** 調剤情報閲覧: dispensing records of pharmacies. */
    DISPENSING,
    /** Images and imaging reports. */
    IMAGING,
    /** Sharing within the care team (care managers, visiting nurses, care workers). */
    CARE_TEAM
}
