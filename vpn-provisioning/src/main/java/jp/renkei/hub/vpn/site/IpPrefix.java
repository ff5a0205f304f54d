package jp.renkei.hub.vpn.site;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonValue;
import jp.renkei.hub.core.web.ApiException;

/**
 * An IPv4 or IPv6 prefix in canonical form (host bits zero), e.g. {@code 10.252.1.0/24} or {@code fd00:252:1::/64}.
 * Host bits that are set are refused rather than silently cleared: a site that writes 10.252.1.1/24 has mistyped
 * something, and the address plan must be what the site means.
 */
public record IpPrefix(InetAddress network, int length) {

    static final String FIELD = "lanPrefixes";
    // Only literals: InetAddress.getByName must never resolve a host name here.
    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    public static IpPrefix parse(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalid(FIELD, "空のプレフィックスがあります");
        }
        String value = text.strip();
        int slash = value.indexOf('/');
        if (slash < 0) {
            throw ApiException.invalid(FIELD, "「" + value + "」にプレフィックス長がありません (例: 10.252.1.0/24)");
        }
        String address = value.substring(0, slash);
        boolean v4 = V4.matcher(address).matches();
        if (!v4 && !V6.matcher(address).matches()) {
            throw ApiException.invalid(FIELD, "「" + value + "」は IPv4/IPv6 のプレフィックスではありません");
        }
        InetAddress network;
        int length;
        try {
            network = InetAddress.getByName(address);
            length = Integer.parseInt(value.substring(slash + 1));
        } catch (UnknownHostException | NumberFormatException e) {
            throw ApiException.invalid(FIELD, "「" + value + "」は IPv4/IPv6 のプレフィックスではありません");
        }
        int bits = network.getAddress().length * 8;
        if (length < 8 || length > bits) {
            throw ApiException.invalid(FIELD, "「" + value + "」のプレフィックス長は 8〜" + bits + " にしてください");
        }
        IpPrefix prefix = new IpPrefix(network, length);
        if (!prefix.value().equals(prefix.masked().value())) {
            throw ApiException.invalid(FIELD, "「" + value + "」はホスト部が 0 ではありません (ネットワークアドレス "
                    + prefix.masked() + " の誤りではありませんか)");
        }
        return prefix;
    }

    public boolean isIpv6() {
        return network.getAddress().length == 16;
    }

    /** Whether the two prefixes share at least one address (then one contains the other). */
    public boolean overlaps(IpPrefix other) {
        if (isIpv6() != other.isIpv6()) {
            return false;
        }
        int shorter = Math.min(length, other.length);
        return truncate(value(), shorter).equals(truncate(other.value(), shorter));
    }

    private BigInteger value() {
        return new BigInteger(1, network.getAddress());
    }

    private BigInteger truncate(BigInteger address, int bits) {
        int total = network.getAddress().length * 8;
        return address.shiftRight(total - bits);
    }

    private IpPrefix masked() {
        int total = network.getAddress().length * 8;
        BigInteger masked = truncate(value(), length).shiftLeft(total - length);
        byte[] raw = masked.toByteArray();
        byte[] bytes = new byte[total / 8];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        try {
            return new IpPrefix(InetAddress.getByAddress(bytes), length);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    @JsonValue
    public String toString() {
        return (isIpv6() ? compressed(network.getHostAddress()) : network.getHostAddress()) + "/" + length;
    }

    /** RFC 5952 text: the longest run of two or more zero groups becomes "::". */
    private static String compressed(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
