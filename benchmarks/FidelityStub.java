import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The known truth for the gate's fidelity benchmark: answers every request after exactly the
 * given delay. Run as a single-file program: {@code java benchmarks/FidelityStub.java <port> <ms>}.
 */
public class FidelityStub {
    public static void main(String[] args) throws Exception {
        // Without it the JDK server writes headers and body as two segments and Nagle plus delayed ACK add up to 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(args[0]);
        long delay = Long.parseLong(args[1]);
        byte[] body = "{\"status\":\"ok\",\"version\":\"stub\"}".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.start();
    }
}
