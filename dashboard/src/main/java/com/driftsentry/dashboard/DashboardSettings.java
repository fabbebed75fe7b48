package com.driftsentry.dashboard;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * How the dashboard server runs, from its environment: {@code DASHBOARD_PORT} (default 3000, 0: any
 * free port), {@code DASHBOARD_BIND_ADDRESS} (default 127.0.0.1), {@code DRIFTSENTRY_API_URL} (the API the
 * page calls; its origin is the only one the page may connect to besides its own), and the fault
 * switch {@code DRIFTSENTRY_FAULT_DASHBOARD}: {@code unreachable-api} (the page is told an API address
 * nothing answers at) or {@code csp-blocks-script} (the page's policy forbids its own script). Off by default.
 */
public record DashboardSettings(int port, String bindAddress, URI apiUrl, String fault, String version) {
    public static final String PORT = "DASHBOARD_PORT";
    public static final String BIND_ADDRESS = "DASHBOARD_BIND_ADDRESS";
    public static final String API_URL = "DRIFTSENTRY_API_URL";
    public static final String FAULT = "DRIFTSENTRY_FAULT_DASHBOARD";
    static final Set<String> FAULTS = Set.of("", "unreachable-api", "csp-blocks-script");

    /** A bad value is an {@link IllegalArgumentException} whose message names the variable and the fix. */
    public static DashboardSettings from(Map<String, String> env) {
        String portText = env.getOrDefault(PORT, "3000").trim();
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(PORT + ": '" + clip(portText) + "' is not a port (fix: 0 to 65535, e.g. 3000)");
        }
        String api = env.getOrDefault(API_URL, "").trim();
        URI apiUrl = null;
        try {
            apiUrl = URI.create(api);
        } catch (IllegalArgumentException e) {
            // said below
        }
        if (apiUrl == null || apiUrl.getHost() == null || !Set.of("http", "https").contains(apiUrl.getScheme())) {
            throw new IllegalArgumentException(API_URL + ": '" + clip(api) + "' is not the API's http(s) address (fix: e.g. http://127.0.0.1:3002)");
        }
        String fault = env.getOrDefault(FAULT, "").trim();
        if (!FAULTS.contains(fault)) {
            throw new IllegalArgumentException(FAULT + ": '" + clip(fault) + "' is not a fault (fix: unreachable-api, csp-blocks-script, or unset)");
        }
        return new DashboardSettings(port, env.getOrDefault(BIND_ADDRESS, "127.0.0.1").trim(), apiUrl, fault,
                env.getOrDefault("DRIFTSENTRY_VERSION", "dev"));
    }

    /** The API's origin (scheme, host, port): what the page's content security policy lets it connect to. */
    public String apiOrigin() {
        return apiUrl.getScheme() + "://" + apiUrl.getHost() + (apiUrl.getPort() < 0 ? "" : ":" + apiUrl.getPort());
    }

    private static String clip(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
