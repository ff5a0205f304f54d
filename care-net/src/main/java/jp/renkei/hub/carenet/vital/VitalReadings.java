package jp.renkei.hub.carenet.vital;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jp.renkei.hub.carenet.post.Post;
import jp.renkei.hub.carenet.template.RecordedEntry;
import jp.renkei.hub.carenet.template.RecordedValue;

/** Reads the vital signs out of posts' structured entries: only the values entered, as stored (plain decimals). */
public final class VitalReadings {

    private VitalReadings() {
    }

    /** The readings of the posts, in the posts' order. */
    public static List<VitalReading> of(List<Post> posts) {
        List<VitalReading> readings = new ArrayList<>();
        for (Post post : posts) {
            for (RecordedEntry entry : post.entries()) {
                if (!VitalSign.CATEGORY.equals(entry.category())) {
                    continue;
                }
                for (RecordedValue value : entry.values()) {
                    VitalSign.ofItem(value.item()).ifPresent(sign -> readings.add(
                            new VitalReading(post.id(), post.createdAt(), sign, new BigDecimal(value.value()))));
                }
            }
        }
        return readings;
    }
}
