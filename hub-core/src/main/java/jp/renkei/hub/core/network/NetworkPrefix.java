package jp.renkei.hub.core.network;

import java.net.InetAddress;
import java.util.Arrays;

/** An IPv4 or IPv6 prefix of a site's LAN (host bits zero), as the VPN address plan registered it. */
public record NetworkPrefix(InetAddress network, int length) {

    public NetworkPrefix {
        int bits = network.getAddress().length * 8;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " outside 0-" + bits);
        }
    }

    /** Whether {@code address} lies inside this prefix; an IPv4 address never lies in an IPv6 prefix or back. */
    public boolean contains(InetAddress address) {
        byte[] mine = network.getAddress();
        byte[] theirs = address.getAddress();
        if (mine.length != theirs.length) {
            return false;
        }
        int whole = length / 8;
        if (!Arrays.equals(mine, 0, whole, theirs, 0, whole)) {
            return false;
        }
        int rest = length % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (mine[whole] & mask) == (theirs[whole] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + length;
    }
}
