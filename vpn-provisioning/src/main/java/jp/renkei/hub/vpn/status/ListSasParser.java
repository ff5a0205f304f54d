package jp.renkei.hub.vpn.status;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of {@code swanctl --list-sas} (strongSwan 5.9). An IKE SA starts at column 0
 * ({@code name: #1, ESTABLISHED, IKEv2, …}); indented lines below it belong to it, including its CHILD SAs'
 * {@code in}/{@code out} counters.
 */
public final class ListSasParser {

    private static final Pattern IKE = Pattern.compile("^(\\S+): #\\d+, (\\w+), IKEv\\d");
    private static final Pattern ESTABLISHED = Pattern.compile("^\\s+established (\\d+)s ago");
    private static final Pattern CHILD = Pattern.compile("^\\s+\\S+: #\\d+, reqid \\d+, INSTALLED");
    private static final Pattern COUNTER = Pattern.compile("^\\s+(in|out) +[0-9a-f]+(?:_i|_o)?(?:\\s*\\(-\\|0x[0-9a-f]+\\))?, +(\\d+) bytes");

    private ListSasParser() {
    }

    public static List<IkeSa> parse(String output) {
        List<IkeSa> sas = new ArrayList<>();
        String connection = null;
        String state = null;
        Long established = null;
        long in = 0;
        long out = 0;
        int children = 0;
        for (String line : output.split("\\R")) {
            Matcher ike = IKE.matcher(line);
            if (ike.find()) {
                if (connection != null) {
                    sas.add(new IkeSa(connection, state, established, in, out, children));
                }
                connection = ike.group(1);
                state = ike.group(2);
                established = null;
                in = 0;
                out = 0;
                children = 0;
                continue;
            }
            if (connection == null) {
                continue;
            }
            Matcher time = ESTABLISHED.matcher(line);
            Matcher counter = COUNTER.matcher(line);
            if (time.find()) {
                established = Long.parseLong(time.group(1));
            } else if (CHILD.matcher(line).find()) {
                children++;
            } else if (counter.find()) {
                long bytes = Long.parseLong(counter.group(2));
                if (counter.group(1).equals("in")) {
                    in += bytes;
                } else {
                    out += bytes;
                }
            }
        }
        if (connection != null) {
            sas.add(new IkeSa(connection, state, established, in, out, children));
        }
        return sas;
    }
}
