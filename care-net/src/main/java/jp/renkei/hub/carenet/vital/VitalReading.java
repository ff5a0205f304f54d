package jp.renkei.hub.carenet.vital;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One measured value from a post's バイタル entry, at the time of the post. */
public record VitalReading(UUID postId, Instant at, VitalSign sign, BigDecimal value) {
}
