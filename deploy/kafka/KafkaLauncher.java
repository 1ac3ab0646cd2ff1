import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Tiny entry point used by kafka-server.mjs (compiled once with javac into .deploy-cache/kafka/classes).
 *
 *   KafkaLauncher server <server.properties>   runs kafka.Kafka.main and exits when stdin hits EOF,
 *                                               i.e. when the parent (node) process dies for any reason,
 *                                               so a killed test run never leaves a broker behind.
 *   KafkaLauncher storage <args...>            runs the KRaft storage tool (class name differs by version).
 *
 * Kafka classes are looked up reflectively so this compiles without the Kafka jars.
 */
public final class KafkaLauncher {
    private static final String[] STORAGE_TOOL_CLASSES = {
        "kafka.tools.StorageTool",           // 3.x and 4.x (Scala, in kafka_2.13)
        "org.apache.kafka.tools.StorageTool" // in case it moves to the Java tools module
    };

    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            System.err.println("usage: KafkaLauncher server <server.properties> | storage <args...>");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "server":
                if (!"false".equals(System.getProperty("launcher.watchStdin"))) {
                    watchStdin();
                }
                invokeMain(new String[] {"kafka.Kafka"}, rest);
                break;
            case "storage":
                invokeMain(STORAGE_TOOL_CLASSES, rest);
                break;
            default:
                System.err.println("unknown mode: " + args[0]);
                System.exit(2);
        }
    }

    private static void watchStdin() {
        Thread t = new Thread(() -> {
            InputStream in = System.in;
            byte[] buf = new byte[256];
            try {
                while (in.read(buf) >= 0) {
                    // the parent never writes; ignore anything that arrives
                }
            } catch (IOException e) {
                // treat a broken stdin like EOF
            }
            System.err.println("[KafkaLauncher] stdin closed (parent process gone): shutting down the broker");
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(Long.getLong("launcher.haltAfterMs", 15000L));
                } catch (InterruptedException ignored) {
                    return;
                }
                System.err.println("[KafkaLauncher] graceful shutdown took too long: halting");
                Runtime.getRuntime().halt(1);
            }, "launcher-halt-watchdog");
            halt.setDaemon(true);
            halt.start();
            System.exit(0); // runs Kafka's shutdown hook (graceful, usually < 2 s)
        }, "launcher-stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    private static void invokeMain(String[] candidates, String[] args) throws Throwable {
        Class<?> cls = null;
        for (String name : candidates) {
            try {
                cls = Class.forName(name);
                break;
            } catch (ClassNotFoundException ignored) {
                // try the next one
            }
        }
        if (cls == null) {
            System.err.println("[KafkaLauncher] none of " + Arrays.toString(candidates) + " is on the classpath");
            System.exit(3);
        }
        Method main = cls.getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
