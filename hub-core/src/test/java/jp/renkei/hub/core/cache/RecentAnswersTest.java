package jp.renkei.hub.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RecentAnswersTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger lookups = new AtomicInteger();
    private final RecentAnswers<String, String> answers = new RecentAnswers<>(Duration.ofSeconds(5), nanos::get);

    private String lookUp(String key) {
        return key + "#" + lookups.incrementAndGet();
    }

    @Test
    void anAnswerIsReusedForItsTimeToLiveAndThenReadAgain() {
        assertThat(answers.get("a", this::lookUp)).isEqualTo("a#1");
        nanos.addAndGet(Duration.ofMillis(4_999).toNanos());
        assertThat(answers.get("a", this::lookUp)).isEqualTo("a#1");
        assertThat(answers.get("b", this::lookUp)).as("another key").isEqualTo("b#2");
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(answers.get("a", this::lookUp)).isEqualTo("a#3");
    }

    @Test
    void forgettingMakesTheNextGetReadAgain() {
        answers.get("a", this::lookUp);
        answers.forgetAll();
        assertThat(answers.get("a", this::lookUp)).isEqualTo("a#2");
    }

    @Test
    void anAnswerReadWhileItWasForgottenIsReturnedButNotKept() {
        String stale = answers.get("a", key -> {
            answers.forgetAll(); // the change commits while this lookup still reads the old value
            return "old";
        });
        assertThat(stale).isEqualTo("old");
        assertThat(answers.get("a", this::lookUp)).isEqualTo("a#1");
    }

    @Test
    void aZeroTimeToLiveReadsEveryTime() {
        RecentAnswers<String, String> uncached = new RecentAnswers<>(Duration.ZERO, nanos::get);
        uncached.get("a", this::lookUp);
        assertThat(uncached.get("a", this::lookUp)).isEqualTo("a#2");
    }

    @Test
    void tooManyKeysStartOver() {
        for (int i = 0; i < RecentAnswers.MAX_ENTRIES + 1; i++) {
            answers.get("k" + i, this::lookUp);
        }
        assertThat(answers.get("k0", this::lookUp)).as("dropped when the map was full").isNotEqualTo("k0#1");
        assertThat(answers.get("k" + RecentAnswers.MAX_ENTRIES, this::lookUp))
                .isEqualTo("k" + RecentAnswers.MAX_ENTRIES + "#" + (RecentAnswers.MAX_ENTRIES + 1));
    }
}
