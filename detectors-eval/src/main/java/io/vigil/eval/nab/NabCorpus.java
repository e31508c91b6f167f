package io.vigil.eval.nab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** A NAB-layout corpus on disk: {@code data/<category>/<file>.csv} plus a combined windows file. */
public final class NabCorpus {

  /** NAB timestamps, with or without the fractional seconds the windows file writes. */
  static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .optionalEnd()
      .toFormatter();

  private final List<NabSeries> series;
  private final List<String> labelsWithoutData;
  private final List<String> dataWithoutLabels;

  private NabCorpus(List<NabSeries> series, List<String> labelsWithoutData, List<String> dataWithoutLabels) {
    this.series = List.copyOf(series);
    this.labelsWithoutData = List.copyOf(labelsWithoutData);
    this.dataWithoutLabels = List.copyOf(dataWithoutLabels);
  }

  public List<NabSeries> series() {
    return series;
  }

  /**
   * Keys of the windows file ({@code category/file.csv}) with no data file under the data folder:
   * a typo, or a corpus that is only part of the labelled one. Scores leave them out.
   */
  public List<String> labelsWithoutData() {
    return labelsWithoutData;
  }

  /** Data files the windows file does not mention; they are scored as having no anomaly window. */
  public List<String> dataWithoutLabels() {
    return dataWithoutLabels;
  }

  /** A note for the user when the data and the windows file do not cover the same files, else empty. */
  public String coverageNote() {
    StringBuilder note = new StringBuilder();
    if (!labelsWithoutData.isEmpty()) {
      note.append(String.format(Locale.ROOT, "note: %d labelled file(s) are not in the data folder and are left out: %s%n",
          labelsWithoutData.size(), String.join(", ", labelsWithoutData)));
    }
    if (!dataWithoutLabels.isEmpty()) {
      note.append(String.format(Locale.ROOT, "note: %d data file(s) have no entry in the windows file and are scored as having no window: %s%n",
          dataWithoutLabels.size(), String.join(", ", dataWithoutLabels)));
    }
    return note.toString();
  }

  /** Total rows over all series. */
  public long points() {
    return series.stream().mapToLong(NabSeries::size).sum();
  }

  /**
   * Reads every CSV under {@code dataDir} (one folder level per category) and attaches its windows.
   * A file the windows file does not mention gets no windows.
   */
  public static NabCorpus read(Path dataDir, Path windowsFile) {
    try {
      return read(dataDir, WindowsJson.parse(Files.readString(windowsFile, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the data files only, with no windows (for replay and benchmarks). */
  public static NabCorpus readData(Path dataDir) {
    return read(dataDir, Map.of());
  }

  private static NabCorpus read(Path dataDir, Map<String, List<String[]>> windows) {
    try {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(dataDir, 2)) {
        files = walk.filter(p -> p.toString().endsWith(".csv") && Files.isRegularFile(p)).sorted().toList();
      }
      List<NabSeries> series = new ArrayList<>();
      List<String> unlabelled = new ArrayList<>();
      for (Path file : files) {
        Path relative = dataDir.relativize(file);
        if (relative.getNameCount() != 2) {
          continue;
        }
        String category = relative.getName(0).toString();
        String key = category + "/" + file.getFileName();
        if (!windows.isEmpty() && !windows.containsKey(key)) {
          unlabelled.add(key);
        }
        series.add(readSeries(file, category, windows.getOrDefault(key, List.of())));
      }
      if (series.isEmpty()) {
        throw new IllegalArgumentException("no data/<category>/<file>.csv files under " + dataDir);
      }
      Set<String> present = new HashSet<>();
      series.forEach(s -> present.add(s.key()));
      List<String> missing = windows.keySet().stream().filter(key -> !present.contains(key)).sorted().toList();
      return new NabCorpus(series, missing, unlabelled);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static NabSeries readSeries(Path file, String category, List<String[]> windowTexts) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> timestampTexts = new ArrayList<>(lines.size());
    List<String> valueTexts = new ArrayList<>(lines.size());
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int comma = line.indexOf(',');
      if (comma < 0) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected timestamp,value");
      }
      timestampTexts.add(line.substring(0, comma));
      valueTexts.add(line.substring(comma + 1).strip());
    }
    int n = timestampTexts.size();
    long[] millis = new long[n];
    double[] values = new double[n];
    Map<LocalDateTime, Integer> rowOf = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      LocalDateTime time = LocalDateTime.parse(timestampTexts.get(i).strip(), TIMESTAMP);
      millis[i] = time.toInstant(ZoneOffset.UTC).toEpochMilli();
      values[i] = Double.parseDouble(valueTexts.get(i));
      rowOf.putIfAbsent(time, i);
    }
    List<NabWindow> windows = new ArrayList<>();
    for (String[] pair : windowTexts) {
      // Like NAB's sweeper, a window is entered and left at rows whose timestamps equal its bounds.
      Integer start = rowOf.get(LocalDateTime.parse(pair[0].strip(), TIMESTAMP));
      Integer end = rowOf.get(LocalDateTime.parse(pair[1].strip(), TIMESTAMP));
      if (start == null || end == null) {
        throw new IllegalArgumentException(
            file + ": window [" + pair[0] + ", " + pair[1] + "] does not start and end on rows of the file");
      }
      windows.add(new NabWindow(start, end));
    }
    return new NabSeries(category, file.getFileName().toString(), timestampTexts, valueTexts, millis, values,
        List.copyOf(windows));
  }
}
