package com.driftsentry.reference.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL location as JDBC needs it. Accepts the {@code postgres://user:pass@host:port/db}
 * form that hosting platforms hand out as well as a plain {@code jdbc:postgresql://} URL.
 * {@link #toString()} never shows the password.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public static DatabaseUrl parse(String name, String value) {
        if (value.startsWith("jdbc:postgresql://")) {
            return new DatabaseUrl(value, null, null);
        }
        try {
            URI uri = new URI(value);
            if (("postgres".equals(uri.getScheme()) || "postgresql".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getPath() != null && uri.getPath().length() > 1) {
                String user = null;
                String password = null;
                if (uri.getRawUserInfo() != null) {
                    String[] parts = uri.getRawUserInfo().split(":", 2);
                    user = decode(parts[0]);
                    password = parts.length > 1 ? decode(parts[1]) : null;
                }
                int port = uri.getPort() > 0 ? uri.getPort() : 5432;
                String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
                return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query, user, password);
            }
        } catch (URISyntaxException ignored) {
            // reported below with the expected form
        }
        throw new ConfigException(name + " is not a PostgreSQL URL (fix: postgres://user:password@host:5432/database or jdbc:postgresql://host:5432/database)");
    }

    /** This location with {@code password} when one is given (it wins over one in the URL). */
    public DatabaseUrl withPassword(Optional<String> given) {
        return given.map(p -> new DatabaseUrl(jdbcUrl, user, p)).orElse(this);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return jdbcUrl + (user == null ? "" : " as " + user);
    }
}
