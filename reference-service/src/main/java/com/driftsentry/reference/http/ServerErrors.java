package com.driftsentry.reference.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The errors Jetty answers itself, before a request reaches the routes: a header block too large
 * (431), a URI too long (414), a request it cannot parse (400). Jetty's own answer is an HTML
 * page; every answer of this API is problem+json with the security headers, these included.
 */
public final class ServerErrors extends ErrorHandler {
    private final Problems problems;

    public ServerErrors(Problems problems) {
        this.problems = problems;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        SecurityHeaders.ALL.forEach((name, value) -> fields.put(new HttpField(name, value)));
        return ByteBuffer.wrap(body(status));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response, int code,
                                              String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType(Problems.CONTENT_TYPE);
        SecurityHeaders.ALL.forEach(response::setHeader);
        response.getOutputStream().write(body(code));
    }

    /** The reason Jetty gives can echo the request; the title for the status says enough. */
    private byte[] body(int status) {
        String title = HttpStatus.getMessage(status);
        return problems.body(status, title, title + " (refused by the HTTP server before any route)", null, null);
    }
}
