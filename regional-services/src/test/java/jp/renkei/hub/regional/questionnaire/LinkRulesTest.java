package jp.renkei.hub.regional.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class LinkRulesTest {

    @Test
    void tokensAndCodesAreRandomAndCodesMatchHoweverTheyAreTyped() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            tokens.add(LinkSecrets.newToken());
        }
        assertThat(tokens).hasSize(100).allMatch(t -> t.matches("[A-Za-z0-9_-]{43}"));
        String code = LinkSecrets.newCode();
        assertThat(code).matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}");
        String hash = LinkSecrets.hashCode(code);
        assertThat(LinkSecrets.hashCode(code.toLowerCase().replace("-", ""))).isEqualTo(hash);
        assertThat(LinkSecrets.hashCode(" " + code.substring(0, 4) + " " + code.substring(5))).isEqualTo(hash);
        String fullWidth = code.codePoints().map(c -> c == '-' ? c : c + 0xFEE0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        assertThat(LinkSecrets.hashCode(fullWidth)).isEqualTo(hash);
        assertThat(LinkSecrets.hashCode(code.substring(0, 7) + (code.charAt(7) == 'A' ? 'B' : 'A'))).isNotEqualTo(hash);
        assertThat(LinkSecrets.hashToken(code)).isNotEqualTo(hash);
    }

    @Test
    void aLinkIsUsedLockedOrExpiredInThatOrder() {
        Instant now = Instant.parse("2026-12-03T00:00:00Z");
        AnswerLink open = link(now.plusSeconds(60), null, null);
        assertThat(open.state(now)).isEqualTo(AnswerLink.State.OPEN);
        assertThat(open.state(now.plusSeconds(60))).isEqualTo(AnswerLink.State.EXPIRED);
        assertThat(link(now.plusSeconds(60), now, null).state(now)).isEqualTo(AnswerLink.State.LOCKED);
        assertThat(link(now.minusSeconds(60), now, now).state(now)).isEqualTo(AnswerLink.State.USED);
    }

    @Test
    void newItemsTakeTheNextNumberAndRemovedNumbersAreNotReused() {
        Form form = new Form(UUID.randomUUID(), UUID.randomUUID(), "F", 1, "t", List.of(
                new Item("q1", "a", ItemType.TEXT, false, List.of(), "", null),
                new Item("q3", "b", ItemType.TEXT, false, List.of(), "", null)),
                FormStatus.DRAFT, null, "p", Instant.EPOCH, null, null);
        assertThat(form.nextLinkId()).isEqualTo("q4");
        assertThat(form.withItems(List.of()).nextLinkId()).isEqualTo("q1");
    }

    @Test
    void aPublishedVersionIsAFhirQuestionnaireOfItsFacility() {
        Form form = AnswerSheetTest.FORM;
        var q = FhirQuestionnaires.questionnaire(form);
        assertThat(q.getUrl()).isEqualTo(FhirQuestionnaires.URL_BASE + form.seriesId());
        assertThat(q.getVersion()).isEqualTo("1");
        assertThat(q.getMeta().getTag()).anyMatch(t -> t.getCode().equals("F1"));
        assertThat(q.getItem()).hasSize(7);
        assertThat(q.getItem().get(1).getEnableWhenFirstRep().getQuestion()).isEqualTo("q1");
        assertThat(q.getItem().get(1).getEnableWhenFirstRep().getAnswerBooleanType().booleanValue()).isTrue();
        assertThat(q.getItem().get(2).getExtensionByUrl(FhirQuestionnaires.UNIT_EXTENSION)).isNotNull();
        assertThat(q.getItem().get(4).getRepeats()).isTrue();
        assertThat(q.getItem().get(3).getAnswerOption()).hasSize(3);
    }

    private static AnswerLink link(Instant expires, Instant locked, Instant used) {
        return new AnswerLink(UUID.randomUUID(), UUID.randomUUID(), "F", "p1", "L1", null, LocalDate.of(2026, 12, 3),
                0, "staff", Instant.EPOCH, expires, null, locked, used, null);
    }
}
