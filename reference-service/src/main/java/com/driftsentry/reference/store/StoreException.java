package com.driftsentry.reference.store;

import java.sql.SQLException;

/** A database failure; the HTTP layer answers it with a 503 rather than a stack trace. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }
}
