package io.vigil.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in this JVM: the real KRaft server from the kafka_2.13 artifact, one
 * process acting as both controller and broker, on free loopback ports, its log under a directory
 * of its own. A directory that already holds a formatted log is reused, so a restart with the same
 * data directory finds every record it had.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /** Formats {@code logDir} if it is new, then starts the broker; blocks until it is up. */
  public static EmbeddedKafka start(Path logDir) {
    try {
      Files.createDirectories(logDir);
      int brokerPort = freePort();
      int controllerPort = freePort();
      Properties properties = new Properties();
      properties.put("process.roles", "broker,controller");
      properties.put("node.id", String.valueOf(NODE_ID));
      properties.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
      properties.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
      properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
      properties.put("controller.listener.names", "CONTROLLER");
      properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      properties.put("inter.broker.listener.name", "PLAINTEXT");
      properties.put("log.dirs", logDir.toAbsolutePath().toString());
      properties.put("num.partitions", "1");
      properties.put("offsets.topic.replication.factor", "1");
      properties.put("offsets.topic.num.partitions", "6");
      properties.put("transaction.state.log.replication.factor", "1");
      properties.put("transaction.state.log.min.isr", "1");
      properties.put("group.initial.rebalance.delay.ms", "0");
      properties.put("auto.create.topics.enable", "false");
      // Flush on a schedule only; the OS page cache plus acks from this single node is what a
      // one-machine deployment gets. kill -9 of the JVM does not lose what the OS has.
      properties.put("log.flush.interval.ms", "1000");
      KafkaConfig config = KafkaConfig.fromProps(properties, false);

      if (!Files.exists(logDir.resolve("meta.properties"))) {
        new Formatter()
            // Its own message would be a plain line among the JSON ones; the log line below says it.
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
            .setNodeId(NODE_ID)
            .setClusterId(Uuid.randomUuid().toString())
            .setDirectories(List.of(logDir.toAbsolutePath().toString()))
            .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
            .setControllerListenerName("CONTROLLER")
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
            .run();
        LOG.info("formatted a new Kafka log in {}", logDir);
      }

      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      String bootstrap = "127.0.0.1:" + brokerPort;
      LOG.info("embedded Kafka broker listening on {} with its log in {}", bootstrap, logDir);
      return new EmbeddedKafka(server, bootstrap);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Kafka log directory " + logDir, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the embedded Kafka broker in " + logDir + ": " + e.getMessage(), e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
