package io.vigil.ingest.replay;

import io.vigil.model.MetricPoint;
import io.vigil.model.SeriesKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A CSV file of one series, {@code timestamp,value} per line after a header, as the Numenta Anomaly
 * Benchmark's files are. Timestamps may be {@code YYYY-MM-DD HH:MM:SS} (read as UTC), ISO-8601 or
 * epoch milliseconds. The series is {@code Replay:<file name>{Source=<parent folder>}}.
 */
public record ReplayFile(Path path, SeriesKey series) {

  public static final String NAMESPACE = "Replay";
  private static final DateTimeFormatter NAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** The CSV files at {@code path}: the file itself, or every *.csv below the folder, in name order. */
  public static List<ReplayFile> find(Path path) throws IOException {
    if (Files.isRegularFile(path)) {
      return List.of(of(path));
    }
    if (!Files.isDirectory(path)) {
      throw new IOException("no such file or folder: " + path);
    }
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(file -> Files.isRegularFile(file) && file.getFileName().toString().endsWith(".csv"))
          .sorted()
          .map(ReplayFile::of)
          .toList();
    }
  }

  static ReplayFile of(Path file) {
    String name = file.getFileName().toString();
    String metric = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    Path parent = file.toAbsolutePath().getParent();
    String source = parent == null || parent.getFileName() == null ? "replay" : parent.getFileName().toString();
    return new ReplayFile(file, SeriesKey.of(NAMESPACE, metric, Map.of("Source", source)));
  }

  /** Every point of the file, in file order; a bad line fails with its line number. */
  public List<MetricPoint> read() throws IOException {
    List<MetricPoint> points = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || (number == 1 && line.toLowerCase().startsWith("timestamp"))) {
          continue;
        }
        int comma = line.indexOf(',');
        if (comma < 0) {
          throw new IOException(path + ":" + number + ": expected timestamp,value");
        }
        try {
          long timestamp = parseTimestamp(line.substring(0, comma).trim());
          double value = Double.parseDouble(line.substring(comma + 1).trim());
          points.add(new MetricPoint(series, timestamp, value, "None"));
        } catch (DateTimeException | IllegalArgumentException e) {
          throw new IOException(path + ":" + number + ": " + e.getMessage(), e);
        }
      }
    }
    return points;
  }

  static long parseTimestamp(String text) {
    if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(text);
    }
    if (text.length() == 19 && text.charAt(10) == ' ') {
      return LocalDateTime.parse(text, NAB_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    return Instant.parse(text).toEpochMilli();
  }
}
