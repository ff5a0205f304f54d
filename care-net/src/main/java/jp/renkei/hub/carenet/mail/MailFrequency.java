package jp.renkei.hub.carenet.mail;

import java.time.Duration;

/** How often a person is told by mail that there is something new; DAILY unless they chose otherwise. */
public enum MailFrequency {
    NEVER(null), HOURLY(Duration.ofHours(1)), DAILY(Duration.ofDays(1));

    public static final MailFrequency DEFAULT = DAILY;

    private final Duration period;

    MailFrequency(Duration period) {
        this.period = period;
    }

    /** At least this long between two mails to one person; {@code null} for NEVER. */
    public Duration period() {
        return period;
    }
}
