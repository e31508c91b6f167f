package io.vigil.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A three-broker KRaft cluster of real broker processes on loopback: each node a JVM of its own
 * running {@code kafka.Kafka} (from the kafka_2.13 artifact on this process's class path: the shaded jar's, or a test's) as
 * broker and controller, the three being the controller quorum's voters. Topics default to three
 * replicas with two in sync, the internal topics too, so one node may die and nothing acknowledged
 * is lost, and with two dead every write fails instead of being half kept. A node can be killed
 * with SIGKILL and restarted on the same ports and log directory.
 *
 * <p>Failure detection is tuned down from Kafka's defaults (a broker is fenced, and drops out of
 * every ISR, 3 s after its last heartbeat instead of 9 s; a follower 5 s behind leaves the ISR
 * instead of 30 s), as a cluster that expects its clients to wait seconds, not tens of seconds,
 * would be. For the cluster tests and {@code vigil bench scale}. Not thread-safe: one thread drives it.
 */
public final class KafkaCluster implements AutoCloseable {

  /** Nodes in the cluster; node ids are 1 to SIZE, indexes 0 to SIZE - 1. */
  public static final int SIZE = 3;

  private static final long READY_TIMEOUT_SECONDS = 120;

  private final Path dir;
  private final int[] brokerPorts = new int[SIZE];
  private final int[] controllerPorts = new int[SIZE];
  private final Process[] processes = new Process[SIZE];
  /** Kills the nodes if this JVM is stopped before {@link #close()} (a build timeout, an interrupt). */
  private final Thread killOnExit = new Thread(this::killAll, "kafka-cluster-kill-on-exit");

  private KafkaCluster(Path dir) {
    this.dir = dir;
    for (int i = 0; i < SIZE; i++) {
      brokerPorts[i] = freePort();
      controllerPorts[i] = freePort();
    }
  }

  /** Formats three log directories under {@code dir}, starts the nodes and waits until all three serve. */
  public static KafkaCluster start(Path dir) {
    KafkaCluster cluster = new KafkaCluster(dir);
    Runtime.getRuntime().addShutdownHook(cluster.killOnExit);
    try {
      String clusterId = Uuid.randomUuid().toString();
      for (int i = 0; i < SIZE; i++) {
        cluster.prepare(i, clusterId);
      }
      for (int i = 0; i < SIZE; i++) {
        cluster.launch(i);
      }
      cluster.awaitServing(IntStream.range(0, SIZE).boxed().toList());
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code host:port} of every broker. */
  public String bootstrapServers() {
    return IntStream.range(0, SIZE).mapToObj(i -> "127.0.0.1:" + brokerPorts[i]).collect(Collectors.joining(","));
  }

  /** Whether node {@code index} has a live process. */
  public boolean running(int index) {
    return processes[index] != null && processes[index].isAlive();
  }

  /** SIGKILLs node {@code index} and waits until its process is gone. */
  public void kill(int index) {
    Process process = processes[index];
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Kafka node " + nodeId(index) + " did not die within 30 s of SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    processes[index] = null;
  }

  /** Starts node {@code index} again on its ports and log directory and waits until it serves. */
  public void restart(int index) {
    restart(List.of(index));
  }

  /** Starts the given nodes together, then waits until every one of them serves. */
  public void restart(Collection<Integer> indexes) {
    for (int index : indexes) {
      if (running(index)) {
        throw new IllegalStateException("Kafka node " + nodeId(index) + " is still running");
      }
      launch(index);
    }
    awaitServing(indexes);
  }

  /** Where node {@code index}'s output goes. */
  public Path logFile(int index) {
    return dir.resolve("node-" + nodeId(index) + ".log");
  }

  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // Already running as the hook.
    }
  }

  private void killAll() {
    for (int i = 0; i < SIZE; i++) {
      kill(i);
    }
  }

  /** A loopback port nothing listens on now, for a node or for a process beside the cluster. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static int nodeId(int index) {
    return index + 1;
  }

  private Path nodeDir(int index) {
    return dir.resolve("node-" + nodeId(index));
  }

  private Path propertiesFile(int index) {
    return dir.resolve("node-" + nodeId(index) + ".properties");
  }

  private void prepare(int index, String clusterId) {
    Path logDir = nodeDir(index).toAbsolutePath();
    try {
      Files.createDirectories(logDir);
      Properties properties = properties(index, logDir);
      try (Writer out = Files.newBufferedWriter(propertiesFile(index), StandardCharsets.UTF_8)) {
        properties.store(out, "Kafka node " + nodeId(index) + " of a local cluster");
      }
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
          .setNodeId(nodeId(index))
          .setClusterId(clusterId)
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Kafka node " + nodeId(index) + " in " + logDir, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka node " + nodeId(index) + ": " + e.getMessage(), e);
    }
  }

  private Properties properties(int index, Path logDir) {
    String voters = IntStream.range(0, SIZE).mapToObj(i -> nodeId(i) + "@127.0.0.1:" + controllerPorts[i]).collect(Collectors.joining(","));
    Properties properties = new Properties();
    properties.put("process.roles", "broker,controller");
    properties.put("node.id", String.valueOf(nodeId(index)));
    properties.put("controller.quorum.voters", voters);
    properties.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPorts[index] + ",CONTROLLER://127.0.0.1:" + controllerPorts[index]);
    properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPorts[index]);
    properties.put("controller.listener.names", "CONTROLLER");
    properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    properties.put("inter.broker.listener.name", "PLAINTEXT");
    properties.put("log.dirs", logDir.toString());
    properties.put("auto.create.topics.enable", "false");
    properties.put("default.replication.factor", "3");
    properties.put("min.insync.replicas", "2");
    properties.put("unclean.leader.election.enable", "false");
    properties.put("offsets.topic.replication.factor", "3");
    properties.put("offsets.topic.num.partitions", "6");
    properties.put("transaction.state.log.replication.factor", "3");
    properties.put("transaction.state.log.min.isr", "2");
    properties.put("transaction.state.log.num.partitions", "6");
    properties.put("group.initial.rebalance.delay.ms", "0");
    properties.put("broker.heartbeat.interval.ms", "500");
    properties.put("broker.session.timeout.ms", "3000");
    properties.put("replica.lag.time.max.ms", "5000");
    // Three brokers share a machine with their clients: few threads each.
    properties.put("num.network.threads", "2");
    properties.put("num.io.threads", "2");
    properties.put("num.replica.fetchers", "1");
    properties.put("background.threads", "2");
    properties.put("log.cleaner.threads", "1");
    return properties;
  }

  private void launch(int index) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
        "-cp", System.getProperty("java.class.path"),
        "kafka.Kafka", propertiesFile(index).toAbsolutePath().toString()));
    try {
      processes[index] = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(index).toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Kafka node " + nodeId(index), e);
    }
  }

  /** Whether node {@code index}'s broker port takes connections (a killed node may still be listed as live for a moment). */
  private boolean accepting(int index) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", brokerPorts[index]), 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** Waits until the controller lists every one of {@code indexes} as a live (unfenced) broker. */
  private void awaitServing(Collection<Integer> indexes) {
    Set<Integer> wanted = indexes.stream().map(KafkaCluster::nodeId).collect(Collectors.toSet());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
    String last = "no answer";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers(), "request.timeout.ms", "3000",
        "default.api.timeout.ms", "5000"))) {
      while (System.nanoTime() < deadline) {
        for (int index : indexes) {
          if (!running(index)) {
            throw new IllegalStateException("Kafka node " + nodeId(index) + " exited with " + processes[index].exitValue()
                + " while starting; see " + logFile(index));
          }
        }
        try {
          Set<Integer> live = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().map(Node::id).collect(Collectors.toSet());
          if (live.containsAll(wanted) && indexes.stream().allMatch(this::accepting)) {
            return;
          }
          last = "live brokers " + live;
        } catch (Exception notYet) {
          last = String.valueOf(notYet.getMessage());
        }
        // Polls processes that come up on their own; there is nothing to wait on in this one.
        TimeUnit.MILLISECONDS.sleep(250);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("Kafka nodes " + wanted + " did not serve within " + READY_TIMEOUT_SECONDS + " s (" + last
        + "); see " + dir);
  }
}
