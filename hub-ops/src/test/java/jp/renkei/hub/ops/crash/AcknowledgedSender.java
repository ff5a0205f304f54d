package jp.renkei.hub.ops.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * A sender that sends items {@code 0 … n-1} one after the other and remembers which the hub acknowledged, as a
 * gateway's outbound queue does: when the hub goes away mid-stream it stops, and after the restart it sends again
 * every item without an acknowledgement — and, as a sender that lost the last acknowledgement on the wire would,
 * the last acknowledged one once more.
 */
abstract class AcknowledgedSender implements Runnable {

    private final String channel;
    private final int items;
    private final NavigableSet<Integer> acknowledged = new ConcurrentSkipListSet<>();
    private volatile Exception stoppedBy;
    private volatile boolean done;

    AcknowledgedSender(String channel, int items) {
        this.channel = channel;
        this.items = items;
    }

    /** Sends item {@code i}; true when the hub acknowledged it (HL7 AA, HTTP 200), false when it refused it. */
    protected abstract boolean send(int i) throws Exception;

    /** Drops a connection kept between items (the hub of it is gone). */
    protected void reset() {
    }

    @Override
    public void run() {
        try {
            for (int i = 0; i < items; i++) {
                if (!send(i)) {
                    throw new IllegalStateException(channel + " item " + i + " was refused");
                }
                acknowledged.add(i);
            }
        } catch (Exception e) {
            stoppedBy = e; // the hub was killed: what is not acknowledged is sent again after the restart
        } finally {
            reset();
            done = true;
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    List<Integer> acknowledgedItems() {
        return List.copyOf(acknowledged);
    }

    boolean completedWithoutInterruption() {
        return done && stoppedBy == null && acknowledged.size() == items;
    }

    /** What is sent again: every item not acknowledged, and the last acknowledged one (a lost acknowledgement). */
    List<Integer> toResend() {
        List<Integer> again = new ArrayList<>();
        if (!acknowledged.isEmpty()) {
            again.add(acknowledged.last());
        }
        for (int i = 0; i < items; i++) {
            if (!acknowledged.contains(i)) {
                again.add(i);
            }
        }
        return again;
    }

    /** Sends {@link #toResend()} to the restarted hub; every one must now be acknowledged. Returns how many. */
    int resend() throws Exception {
        List<Integer> again = toResend();
        try {
            for (int i : again) {
                if (!send(i)) {
                    throw new IllegalStateException(channel + " item " + i + " was refused after the restart");
                }
                acknowledged.add(i);
            }
        } finally {
            reset();
        }
        return again.size();
    }

    String describe() {
        return channel + ": " + acknowledged.size() + " of " + items + " acknowledged"
                + (stoppedBy == null ? "" : ", stopped by " + stoppedBy);
    }
}
