package io.vigil.detectors.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A streaming log-template miner: one line at a time, no look-ahead. See the package documentation for
 * the method. Not thread-safe: one miner per log group, owned by one thread.
 */
public final class TemplateMiner {

  /** A position made variable by evidence; matches any token (a masked {@code <*>} only matches masked). */
  public static final String GENERALISED = "\u0000*";

  /** Odd 64-bit constants for the evidence-key hash (from SplitMix64). */
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long BLANK = 0xBF58476D1CE4E5B9L;

  private static final class Group {
    final int id;
    final String[] tokens;
    long count;
    Group parent;

    Group(int id, String[] tokens) {
      this.id = id;
      this.tokens = tokens;
    }
  }

  private static final class Evidence {
    final List<Group> groups = new ArrayList<>(2);
    final Set<String> values = new LinkedHashSet<>(4);
  }

  private final TemplateMinerConfig config;
  private final LineMasker masker;
  private final List<Group> groups = new ArrayList<>();
  private final Map<Integer, List<Group>> liveByLength = new HashMap<>();
  private final Map<String, Group> signatures = new HashMap<>();
  private final Map<Long, Evidence> evidence = new HashMap<>();
  private int live;
  private long overflowLines;
  private long merges;

  public TemplateMiner(TemplateMinerConfig config) {
    this.config = config;
    this.masker = new LineMasker(config.masks(), config.maxLineChars());
  }

  /** Mines one line: the template it joins or starts. */
  public TemplateMatch add(String line) {
    String signature = masker.signature(line);
    Group known = signatures.get(signature);
    if (known != null) {
      Group root = root(known);
      root.count++;
      return new TemplateMatch(root.id, false);
    }
    String[] tokens = LineMasker.split(signature);
    List<Group> sameLength = liveByLength.computeIfAbsent(tokens.length, n -> new ArrayList<>());
    Group match = mostSpecificCover(sameLength, tokens);
    boolean created = match == null;
    if (created) {
      if (live >= config.maxTemplates()) {
        overflowLines++;
        return TemplateMatch.OVERFLOW;
      }
      match = new Group(groups.size(), tokens);
      groups.add(match);
      sameLength.add(match);
      live++;
      index(match, sameLength);
    }
    if (signatures.size() < config.maxSignatures()) {
      signatures.put(signature, match);
    }
    Group root = root(match);
    root.count++;
    return new TemplateMatch(root.id, created && root == match);
  }

  /** The current id of a template id handed out earlier (templates merge as they generalise). */
  public int resolve(int templateId) {
    return root(groups.get(templateId)).id;
  }

  /** The template text of a (possibly older) template id, {@code <*>} for each variable. */
  public String template(int templateId) {
    return text(root(groups.get(templateId)).tokens);
  }

  /** The templates as they stand, by id. */
  public List<LogTemplate> templates() {
    List<LogTemplate> out = new ArrayList<>(live);
    for (Group g : groups) {
      if (g.parent == null) {
        out.add(new LogTemplate(g.id, text(g.tokens), g.count));
      }
    }
    return out;
  }

  /** Lines that matched nothing after the miner reached {@link TemplateMinerConfig#maxTemplates()}. */
  public long overflowLines() {
    return overflowLines;
  }

  /** Templates merged into others so far: when it changes, ids handed out earlier may resolve elsewhere. */
  public long merges() {
    return merges;
  }

  /** Whether the miner reached its template cap and turned lines away. */
  public boolean saturated() {
    return overflowLines > 0;
  }

  /** The live template of the same length that covers {@code tokens} with the most constants, or null. */
  private static Group mostSpecificCover(List<Group> sameLength, String[] tokens) {
    Group best = null;
    int bestConstants = -1;
    for (Group g : sameLength) {
      int constants = constantsIfCovers(g.tokens, tokens);
      if (constants > bestConstants) {
        best = g;
        bestConstants = constants;
      }
    }
    return best;
  }

  private static int constantsIfCovers(String[] template, String[] tokens) {
    int constants = 0;
    for (int i = 0; i < tokens.length; i++) {
      String t = template[i];
      if (t == GENERALISED) {
        continue;
      }
      if (!t.equals(tokens[i])) {
        return -1;
      }
      constants++;
    }
    return constants;
  }

  /**
   * Files {@code g} under each of its positions; when a position has now shown enough distinct values
   * among templates equal everywhere else, they merge into one with that position variable.
   */
  private void index(Group g, List<Group> sameLength) {
    String[] t = g.tokens;
    int words = constantWords(t);
    long[] positionHashes = new long[t.length];
    long whole = mix(t.length);
    for (int i = 0; i < t.length; i++) {
      positionHashes[i] = mix(hash64(t[i]) + i * GOLDEN);
      whole += positionHashes[i];
    }
    for (int p = 0; p < t.length; p++) {
      if (t[p] == GENERALISED || !keepsEnoughWords(t, words, p)) {
        continue;
      }
      long key = whole - positionHashes[p] + mix(BLANK + p * GOLDEN);
      Evidence ev = evidence.computeIfAbsent(key, k -> new Evidence());
      ev.groups.add(g);
      if (ev.values.size() < config.variableValues()) {
        ev.values.add(t[p]);
      }
      if (ev.values.size() >= valuesNeeded(ev)) {
        merge(ev, p, sameLength);
        return;
      }
    }
  }

  /**
   * Distinct values that make {@code ev}'s position variable: {@code variableValues}, or two when one
   * of them is masked and the others are words (the position already holds data; {@code pwd} beside
   * {@code /p/gb2} is the same variable written without digits). Symbols beside a number
   * ({@code ****} for a missing reading) are kept apart.
   */
  private int valuesNeeded(Evidence ev) {
    boolean masked = false;
    boolean wordsOrMasked = true;
    for (String v : ev.values) {
      boolean isMasked = v.contains(LineMasker.WILDCARD);
      masked |= isMasked;
      wordsOrMasked &= isMasked || hasLetter(v);
    }
    return masked && wordsOrMasked ? 2 : config.variableValues();
  }

  private void merge(Evidence ev, int p, List<Group> sameLength) {
    Group survivor = null;
    for (Group g : ev.groups) {
      Group r = root(g);
      if (survivor == null) {
        survivor = r;
      } else if (r != survivor) {
        absorb(survivor, r, sameLength);
      }
    }
    survivor.tokens[p] = GENERALISED;
    ev.groups.clear();
    ev.groups.add(survivor);
    index(survivor, sameLength);
  }

  private void absorb(Group survivor, Group other, List<Group> sameLength) {
    merges++;
    other.parent = survivor;
    survivor.count += other.count;
    sameLength.remove(other);
    live--;
    for (int i = 0; i < other.tokens.length; i++) {
      if (other.tokens[i] == GENERALISED || !other.tokens[i].equals(survivor.tokens[i])) {
        survivor.tokens[i] = GENERALISED;
      }
    }
  }

  /** Whether generalising position {@code p} of a template with {@code words} constant words leaves enough. */
  private boolean keepsEnoughWords(String[] t, int words, int p) {
    return words - (isWord(t[p]) ? 1 : 0) >= config.minConstantWords();
  }

  private static int constantWords(String[] t) {
    int words = 0;
    for (String token : t) {
      if (isWord(token)) {
        words++;
      }
    }
    return words;
  }

  private static boolean isWord(String token) {
    return token != GENERALISED && hasLetter(token);
  }

  private static boolean hasLetter(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        return true;
      }
    }
    return false;
  }

  /**
   * A 64-bit hash of a token. Evidence keys are sums of these mixed with their positions, so the key of
   * a template with one position blanked costs O(1) once the template's hashes are known; two different
   * keys collide with probability about 2^-64 per pair, which a wrong merge would need.
   */
  private static long hash64(String token) {
    long h = 0xCBF29CE484222325L;
    for (int i = 0; i < token.length(); i++) {
      h = (h ^ token.charAt(i)) * 0x100000001B3L;
    }
    return h;
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static Group root(Group g) {
    Group r = g;
    while (r.parent != null) {
      r = r.parent;
    }
    return r;
  }

  private static String text(String[] tokens) {
    StringBuilder b = new StringBuilder(tokens.length * 8);
    for (String s : tokens) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(s == GENERALISED ? LineMasker.WILDCARD : s);
    }
    return b.toString();
  }

  /** A snapshot of everything the miner remembers; {@link #restore} of it continues bit-identically. */
  public TemplateMinerState state() {
    List<TemplateMinerState.Group> groupStates = new ArrayList<>(groups.size());
    for (Group g : groups) {
      groupStates.add(new TemplateMinerState.Group(g.parent == null ? -1 : g.parent.id, g.count, Arrays.asList(g.tokens)));
    }
    List<TemplateMinerState.Signature> signatureStates = new ArrayList<>(signatures.size());
    new TreeMap<>(signatures).forEach((line, g) -> signatureStates.add(new TemplateMinerState.Signature(line, g.id)));
    List<TemplateMinerState.Evidence> evidenceStates = new ArrayList<>(evidence.size());
    new TreeMap<>(evidence).forEach((key, ev) -> evidenceStates.add(new TemplateMinerState.Evidence(
        key, ev.groups.stream().map(g -> g.id).toList(), List.copyOf(ev.values))));
    return new TemplateMinerState(groupStates, signatureStates, evidenceStates, overflowLines);
  }

  /** A miner that continues from {@code state} exactly as the one that produced it would. */
  public static TemplateMiner restore(TemplateMinerConfig config, TemplateMinerState state) {
    TemplateMiner miner = new TemplateMiner(config);
    for (TemplateMinerState.Group g : state.groups()) {
      String[] tokens = g.tokens().stream().map(s -> s.equals(GENERALISED) ? GENERALISED : s).toArray(String[]::new);
      Group group = new Group(miner.groups.size(), tokens);
      group.count = g.count();
      miner.groups.add(group);
    }
    for (int i = 0; i < state.groups().size(); i++) {
      int parent = state.groups().get(i).parent();
      Group group = miner.groups.get(i);
      if (parent >= 0) {
        group.parent = miner.groups.get(parent);
        miner.merges++;
      } else {
        miner.liveByLength.computeIfAbsent(group.tokens.length, n -> new ArrayList<>()).add(group);
        miner.live++;
      }
    }
    for (TemplateMinerState.Signature s : state.signatures()) {
      miner.signatures.put(s.line(), miner.groups.get(s.group()));
    }
    for (TemplateMinerState.Evidence e : state.evidence()) {
      Evidence ev = new Evidence();
      e.groups().forEach(id -> ev.groups.add(miner.groups.get(id)));
      ev.values.addAll(e.values());
      miner.evidence.put(e.key(), ev);
    }
    miner.overflowLines = state.overflowLines();
    return miner;
  }
}
