package dev.mcpkit.examples;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.store.redis.RedisStores;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of everything servers sharing one Redis: put any non-sticky load balancer in front of
 * them and a client can land on any node with any request (sessions, SSE resumption, sampling
 * answers and notifications all cross nodes), and a tool call made a task (revision 2026-07-28,
 * Tasks extension) on one node is polled, answered, cancelled and fetched on any other, and
 * reported failed elsewhere if its node dies. Each node has its own Redis connections, session
 * manager, engine and HTTP server, exactly as if it were a process of its own; run one node per
 * process in production ({@code --nodes 1} with a different {@code --port} each).
 *
 * <pre>
 * redis-server --port 6379 &amp;
 * ./run-example RedisCluster                       # nodes on 127.0.0.1:8081 and :8082
 * ./run-example RedisCluster --redis redis://127.0.0.1:6379 --nodes 3 --port 9000
 * </pre>
 *
 * <p>Prints one {@code MCP endpoint: URL} line per node on standard output once they serve.
 */
public final class RedisCluster {
  private static final SessionPolicy POLICY =
      SessionPolicy.builder()
          .idleTimeout(Duration.ofMinutes(30))
          .maxLifetime(Duration.ofHours(24))
          .build();

  /** Parsed command line. */
  record Options(String redis, String host, int port, int nodes) {
    static Options parse(String... args) {
      String redis = "redis://127.0.0.1:6379";
      String host = "127.0.0.1";
      int port = 8081;
      int nodes = 2;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        String value =
            arg.contains("=")
                ? arg.substring(arg.indexOf('=') + 1)
                : i + 1 < args.length ? args[++i] : null;
        if (value == null) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        switch (name) {
          case "--redis" -> redis = value;
          case "--host" -> host = value;
          case "--port" -> port = number(name, value, 0, 65_535);
          case "--nodes" -> nodes = number(name, value, 1, 16);
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + name
                      + " (options: --redis URI, --host HOST, --port FIRST_PORT, --nodes N)");
        }
      }
      return new Options(redis, host, port, nodes);
    }

    private static int number(String name, String value, int min, int max) {
      try {
        int n = Integer.parseInt(value);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new IllegalArgumentException(
          name + " must be a number from " + min + " to " + max + ", was " + value);
    }
  }

  /** One running node. */
  record Node(RedisStores stores, SessionManager sessions, McpHttpServer server)
      implements AutoCloseable {
    @Override
    public void close() {
      server.close(); // first: no request is using the sessions any more
      sessions.shutdown(Duration.ofSeconds(5)); // leaves the records in Redis for the other nodes
      stores.close();
    }
  }

  private RedisCluster() {}

  /** Starts one node: its own connections, manager, clustered engine and server. */
  static Node startNode(String redis, String host, int port) {
    RedisStores stores = RedisStores.builder(redis).policy(POLICY).build();
    SessionManager sessions =
        SessionManagers.builder().policy(POLICY).store(stores.sessionStore()).build();
    McpEngine engine =
        stores.cluster(
            McpEngines.builder(EverythingServer.config(), sessions)
                .events(stores.eventStore())
                .tasks(stores.taskStore())
                .build());
    McpHttpServer server = McpHttpServer.builder().host(host).port(port).engine(engine).build();
    try {
      server.start();
    } catch (RuntimeException e) {
      sessions.close();
      stores.close();
      throw e;
    }
    return new Node(stores, sessions, server);
  }

  /**
   * Starts the nodes and blocks until the process ends.
   *
   * @param args {@code --redis URI}, {@code --host HOST}, {@code --port FIRST_PORT}, {@code --nodes
   *     N}
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    List<Node> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < options.nodes(); i++) {
        nodes.add(
            startNode(
                options.redis(), options.host(), options.port() == 0 ? 0 : options.port() + i));
      }
    } catch (RuntimeException e) {
      System.err.println(
          "cannot start the cluster: "
              + e.getMessage()
              + (e.getMessage() != null && e.getMessage().contains("Redis")
                  ? " (is redis-server running?)"
                  : ""));
      nodes.forEach(Node::close);
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> nodes.forEach(Node::close), "redis-cluster-shutdown"));
    for (Node node : nodes) {
      System.out.println("MCP endpoint: " + node.server().endpoint());
    }
    nodes.getFirst().server().join();
  }
}
