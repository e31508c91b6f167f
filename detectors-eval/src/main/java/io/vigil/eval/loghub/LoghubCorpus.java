package io.vigil.eval.loghub;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads Loghub-2k samples: every folder under the data folder that holds a
 * {@code <System>_2k.log_structured.csv} is a system, so more systems are simply more folders.
 */
public final class LoghubCorpus {

  static final String STRUCTURED_SUFFIX = "_2k.log_structured.csv";

  private LoghubCorpus() {}

  /** The systems under {@code dataDir}, by name; an IllegalArgumentException when it is not a Loghub folder. */
  public static List<String> systems(Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      throw new IllegalArgumentException("not a folder: " + dataDir);
    }
    List<String> systems = new ArrayList<>();
    try (Stream<Path> children = Files.list(dataDir)) {
      children.filter(Files::isDirectory).sorted().forEach(dir -> {
        String name = dir.getFileName().toString();
        if (Files.isRegularFile(dir.resolve(name + STRUCTURED_SUFFIX))) {
          systems.add(name);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (systems.isEmpty()) {
      throw new IllegalArgumentException("no Loghub sample in " + dataDir
          + ": expected folders <System>/ holding <System>" + STRUCTURED_SUFFIX);
    }
    return systems;
  }

  /** Reads one system's structured CSV (LineId, header fields, Content, EventId, EventTemplate). */
  public static LoghubSample read(Path dataDir, String system) {
    Path csv = dataDir.resolve(system).resolve(system + STRUCTURED_SUFFIX);
    if (!Files.isRegularFile(csv)) {
      throw new IllegalArgumentException("no " + system + STRUCTURED_SUFFIX + " in " + dataDir.resolve(system));
    }
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();
    List<String> contents = new ArrayList<>();
    List<String> eventIds = new ArrayList<>();
    List<String> templates = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        var parser = format.parse(reader)) {
      for (String column : List.of("Content", "EventId", "EventTemplate")) {
        if (!parser.getHeaderMap().containsKey(column)) {
          throw new IllegalArgumentException(csv + " has no column " + column);
        }
      }
      for (CSVRecord record : parser) {
        contents.add(record.get("Content"));
        eventIds.add(record.get("EventId"));
        templates.add(record.get("EventTemplate"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LoghubSample(system, contents, eventIds, templates);
  }

  /**
   * The development samples for tests and benchmarks: {@code -Dvigil.loghub.dir=DIR}, else a
   * {@code shared/loghub} folder in the working folder or any folder above it.
   */
  public static Optional<Path> development() {
    String override = System.getProperty("vigil.loghub.dir");
    if (override != null) {
      return Optional.of(Path.of(override)).filter(LoghubCorpus::hasSamples);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("loghub");
      if (hasSamples(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Where {@link #development()} looked, for a skip message. */
  public static String searched() {
    return "-Dvigil.loghub.dir, or shared/loghub in " + Path.of("").toAbsolutePath() + " or any folder above it";
  }

  private static boolean hasSamples(Path dir) {
    try {
      return !systems(dir).isEmpty();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      return false;
    }
  }
}
