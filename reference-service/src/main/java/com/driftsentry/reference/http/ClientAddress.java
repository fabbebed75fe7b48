package com.driftsentry.reference.http;

import com.driftsentry.reference.config.ConfigException;
import com.driftsentry.reference.config.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which address a request comes from, for the per-address rate limits. With no trusted proxy it is
 * the TCP peer. Each proxy appends the address it received the request from to the right of
 * {@code X-Forwarded-For}; everything to the left of that was written by the client and proves
 * nothing. So the client is found by walking left from the peer past the trusted proxies: the first
 * address that is not one. Proxies are trusted by address ({@code DRIFTSENTRY_TRUSTED_PROXIES}, a
 * CIDR list, the safe choice) or by count ({@code DRIFTSENTRY_TRUSTED_PROXY_HOPS}, for a service
 * reachable only through that many proxies). {@code Forwarded} (RFC 7239) is not read.
 */
public final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    // More entries than any real chain of proxies: a header longer than this is cut to its right end.
    private static final int MAX_ENTRIES = 32;

    private final int hops;
    private final List<Cidr> trusted;

    private ClientAddress(int hops, List<Cidr> trusted) {
        this.hops = hops;
        this.trusted = List.copyOf(trusted);
    }

    public static ClientAddress fromSettings(Settings s) {
        List<String> cidrs = s.list("DRIFTSENTRY_TRUSTED_PROXIES");
        int hops = s.integer("DRIFTSENTRY_TRUSTED_PROXY_HOPS", s.flag("DRIFTSENTRY_TRUST_PROXY", false) ? 1 : 0, 0, 10);
        if (!cidrs.isEmpty() && hops > 0) {
            throw new ConfigException("DRIFTSENTRY_TRUSTED_PROXIES and DRIFTSENTRY_TRUSTED_PROXY_HOPS (or DRIFTSENTRY_TRUST_PROXY) are both set"
                    + " (fix: trust proxies by address, or by count, not both)");
        }
        return new ClientAddress(hops, cidrs.stream().map(Cidr::parse).toList());
    }

    /** The client's address given the TCP peer and the request's X-Forwarded-For (null when absent). */
    public String of(String peer, String forwardedFor) {
        if ((hops == 0 && trusted.isEmpty()) || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        List<String> chain = new ArrayList<>(Arrays.stream(forwardedFor.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList());
        if (chain.size() > MAX_ENTRIES) {
            chain = new ArrayList<>(chain.subList(chain.size() - MAX_ENTRIES, chain.size()));
        }
        chain.add(peer);
        if (hops > 0) {
            return chain.get(Math.max(0, chain.size() - 1 - hops));
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            Optional<byte[]> address = literal(chain.get(i));
            if (address.isEmpty() || trusted.stream().noneMatch(c -> c.contains(address.get()))) {
                return chain.get(i);
            }
        }
        return chain.get(0);
    }

    /** An IP literal as bytes; never a name lookup (a header must not make the service ask DNS). */
    static Optional<byte[]> literal(String text) {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(v4.group(i + 1));
                if (part > 255) {
                    return Optional.empty();
                }
                b[i] = (byte) part;
            }
            return Optional.of(b);
        }
        if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.\\[\\]]+")) {
            return Optional.empty();
        }
        try {
            // With a colon and only hex digits, colons and dots this is parsed as an IPv6 literal, never looked up.
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** A network in CIDR notation: 10.0.0.0/8, 127.0.0.1 (one address), fd00::/8. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            Optional<byte[]> network = literal(parts[0]);
            int max = network.map(n -> n.length * 8).orElse(0);
            int bits = max;
            if (parts.length == 2) {
                bits = parts[1].matches("\\d{1,3}") ? Integer.parseInt(parts[1]) : -1;
            }
            if (network.isEmpty() || bits < 0 || bits > max) {
                throw new ConfigException("DRIFTSENTRY_TRUSTED_PROXIES: '" + text + "' is not an IP address or CIDR block"
                        + " (fix: e.g. 10.0.0.0/8,172.16.0.0/12 for the load balancer's subnets)");
            }
            return new Cidr(network.get(), bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
