package skillsgraph.deploy.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Embedded Neo4j Community with a Bolt connector, for integration tests and local exploration.
 *
 * <p>Usage: {@code java ... skillsgraph.deploy.neo4j.Neo4jTestServer --data-dir DIR [--port 7687] [--host 127.0.0.1]}
 * or the same via system properties {@code -Dneo4j.dataDir=DIR -Dneo4j.port=7687 -Dneo4j.host=127.0.0.1}.
 * Other system properties: {@code neo4j.pagecache} (default 128m), {@code neo4j.watchStdin} (default true).
 *
 * <p>Authentication is DISABLED (auth_enabled=false): any credentials, or none, are accepted.
 * Only ever bind it to loopback.
 *
 * <p>Prints exactly one line {@code NEO4J_READY bolt://HOST:PORT} on stdout once the default database is
 * available. Shuts down cleanly on SIGTERM/SIGINT (shutdown hook) and when stdin reaches EOF, so it never
 * outlives the process that spawned it with a stdin pipe. Exit code 0 after a clean shutdown, 1 on a
 * startup failure.
 */
public final class Neo4jTestServer {
    private static volatile DatabaseManagementService service;
    private static final CountDownLatch stopped = new CountDownLatch(1);

    private Neo4jTestServer() {}

    public static void main(String[] args) throws Exception {
        String dataDir = System.getProperty("neo4j.dataDir");
        String host = System.getProperty("neo4j.host", "127.0.0.1");
        String portText = System.getProperty("neo4j.port", "7687");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data-dir" -> dataDir = requireValue(args, ++i, a);
                case "--port" -> portText = requireValue(args, ++i, a);
                case "--host" -> host = requireValue(args, ++i, a);
                case "-h", "--help" -> {
                    System.out.println("usage: Neo4jTestServer --data-dir DIR [--port 7687] [--host 127.0.0.1]");
                    return;
                }
                default -> fail("unknown argument: " + a);
            }
        }
        if (dataDir == null || dataDir.isBlank()) {
            fail("missing --data-dir (or -Dneo4j.dataDir)");
        }
        int port = Integer.parseInt(portText);
        long pageCache = parseBytes(System.getProperty("neo4j.pagecache", "128m"));
        boolean watchStdin = Boolean.parseBoolean(System.getProperty("neo4j.watchStdin", "true"));

        Path home = Path.of(dataDir).toAbsolutePath();
        Files.createDirectories(home);

        // Registered before startup so a SIGTERM during startup also shuts down whatever was started.
        Runtime.getRuntime().addShutdownHook(new Thread(Neo4jTestServer::shutdown, "neo4j-shutdown"));
        if (watchStdin) {
            Thread watcher = new Thread(Neo4jTestServer::watchStdin, "neo4j-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        long t0 = System.nanoTime();
        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    // --- connectors: Bolt on loopback only, no HTTP(S) ---
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                    // Bolt waits 5 s + 5 s for connections/threads on shutdown by default; tests want fast stops.
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500))
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    // --- auth: disabled (test/dev only) ---
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    // --- never phone home ---
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                    // --- small memory / disk footprint ---
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 16L * 1024 * 1024)
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, 256L * 1024 * 1024)
                    .build();
        } catch (Throwable t) {
            System.err.println("NEO4J_FAILED " + t);
            t.printStackTrace(System.err);
            System.exit(1);
            return;
        }
        service = dbms;

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofMinutes(2).toMillis())) {
            System.err.println("NEO4J_FAILED default database '" + db.databaseName() + "' not available after 2 minutes");
            System.exit(1);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.err.println("neo4j " + org.neo4j.kernel.internal.Version.getNeo4jVersion()
                + " started in " + ms + " ms, home " + home);
        System.out.println("NEO4J_READY bolt://" + host + ":" + port);
        System.out.flush();

        stopped.await(); // released by the shutdown hook; System.exit/halt ends the JVM anyway
    }

    private static void watchStdin() {
        InputStream in = System.in;
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // ignore anything written; we only care about EOF
            }
        } catch (IOException ignored) {
            // treat a broken stdin like EOF
        }
        System.err.println("neo4j: stdin closed, shutting down");
        System.exit(0); // runs the shutdown hook
    }

    private static synchronized void shutdown() {
        DatabaseManagementService dbms = service;
        service = null;
        if (dbms != null) {
            try {
                dbms.shutdown();
                System.err.println("neo4j: shut down cleanly");
            } catch (Throwable t) {
                System.err.println("neo4j: error during shutdown: " + t);
            }
        }
        stopped.countDown();
    }

    private static String requireValue(String[] args, int i, String flag) {
        if (i >= args.length) {
            fail("missing value for " + flag);
        }
        return args[i];
    }

    private static long parseBytes(String text) {
        String s = text.trim().toLowerCase();
        long mult = 1;
        char last = s.charAt(s.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            mult = last == 'k' ? 1024L : last == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
            s = s.substring(0, s.length() - 1);
        }
        return Long.parseLong(s) * mult;
    }

    private static void fail(String message) {
        System.err.println("NEO4J_FAILED " + message);
        System.exit(2);
    }
}
