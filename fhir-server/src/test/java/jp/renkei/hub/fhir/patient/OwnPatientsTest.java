package jp.renkei.hub.fhir.patient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnPatientsTest {

    @Test
    void hiraganaIsReadAsKatakanaAndOtherTextIsKept() {
        assertThat(OwnPatients.katakana("たなか ゆみ")).isEqualTo("タナカ ユミ");
        assertThat(OwnPatients.katakana("ヤマダ 太郎 abc")).isEqualTo("ヤマダ 太郎 abc");
        assertThat(OwnPatients.katakana("ぢゃ")).isEqualTo("ヂャ");
    }
}
