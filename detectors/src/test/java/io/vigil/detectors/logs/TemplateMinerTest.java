package io.vigil.detectors.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TemplateMinerTest {

  private static TemplateMiner miner() {
    return new TemplateMiner(TemplateMinerConfig.defaults());
  }

  @Test
  void linesDifferingOnlyInMaskedPartsShareATemplate() {
    TemplateMiner miner = miner();
    TemplateMatch first = miner.add("Received block blk_1 of size 67108864 from /10.0.0.1");
    TemplateMatch second = miner.add("Received block blk_-2 of size 3 from /10.0.0.2");
    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.templateId()).isEqualTo(first.templateId());
    assertThat(miner.template(first.templateId())).isEqualTo("Received block blk_<*> of size <*> from <*>");
  }

  @Test
  void aWordPositionBecomesVariableOnceItShowsEnoughDistinctValues() {
    TemplateMiner miner = miner();
    int alice = miner.add("session opened for user alice by cron").templateId();
    int bob = miner.add("session opened for user bob by cron").templateId();
    assertThat(bob).as("two values are not yet evidence of a variable").isNotEqualTo(alice);
    int carol = miner.add("session opened for user carol by cron").templateId();
    assertThat(miner.resolve(alice)).isEqualTo(miner.resolve(bob)).isEqualTo(miner.resolve(carol)).isEqualTo(alice);
    assertThat(miner.template(bob)).isEqualTo("session opened for user <*> by cron");
    TemplateMatch dave = miner.add("session opened for user dave by cron");
    assertThat(dave.templateId()).isEqualTo(alice);
    assertThat(dave.created()).isFalse();
    assertThat(miner.templates()).singleElement().satisfies(t -> assertThat(t.count()).isEqualTo(4));
    assertThat(miner.merges()).isEqualTo(2);
  }

  @Test
  void constantsThatDifferInFewValuesStayApart() {
    TemplateMiner miner = miner();
    int hub = miner.add("usbcore: registered new driver hub").templateId();
    int usbfs = miner.add("usbcore: registered new driver usbfs").templateId();
    assertThat(miner.resolve(hub)).isNotEqualTo(miner.resolve(usbfs));
    assertThat(miner.templates()).extracting(LogTemplate::template)
        .containsExactly("usbcore: registered new driver hub", "usbcore: registered new driver usbfs");
  }

  @Test
  void shortMessagesNeverCollapseIntoAllWildcards() {
    TemplateMiner miner = miner();
    for (String word : List.of("warning", "starting", "active", "halt", "boot")) {
      miner.add(word);
    }
    assertThat(miner.templates()).hasSize(5).noneMatch(t -> t.template().equals("<*>"));
  }

  @Test
  void aWordBesideAMaskedValueIsTheSameVariable() {
    TemplateMiner miner = miner();
    int path = miner.add("ciod: LOGIN chdir(/p/gb2/x) failed: No such file").templateId();
    int word = miner.add("ciod: LOGIN chdir(pwd) failed: No such file").templateId();
    assertThat(miner.resolve(word)).isEqualTo(miner.resolve(path));
    assertThat(miner.template(word)).isEqualTo("ciod: LOGIN <*> failed: No such file");
    int stars = miner.add("Fan speeds ( 3552 **** 3515 )").templateId();
    int number = miner.add("Fan speeds ( 3552 4245 3515 )").templateId();
    assertThat(miner.resolve(stars)).as("a symbol beside a number stays a constant").isNotEqualTo(miner.resolve(number));
  }

  @Test
  void aMaskedPositionOnlyMatchesMaskedTokens() {
    TemplateMiner miner = miner();
    int numeric = miner.add("tty=:0 opened").templateId();
    int symbol = miner.add("tty=:: opened").templateId();
    assertThat(symbol).isNotEqualTo(numeric);
    assertThat(miner.template(numeric)).isEqualTo("tty=:<*> opened");
  }

  @Test
  void theTemplateCapTurnsNewLinesAwayAndCountsThem() {
    TemplateMiner miner = new TemplateMiner(TemplateMinerConfig.defaults().withMaxTemplates(2));
    miner.add("alpha one");
    miner.add("beta two");
    TemplateMatch third = miner.add("gamma three");
    assertThat(third.overflow()).isTrue();
    assertThat(miner.add("alpha one").overflow()).isFalse();
    assertThat(miner.saturated()).isTrue();
    assertThat(miner.overflowLines()).isEqualTo(1);
    assertThat(miner.templates()).hasSize(2);
  }

  @Test
  void settingsAreCheckedAndNamed() {
    assertThatThrownBy(() -> TemplateMinerConfig.defaults().withVariableValues(1))
        .hasMessageContaining("variableValues");
    assertThatThrownBy(() -> TemplateMinerConfig.defaults().withMinConstantWords(-1))
        .hasMessageContaining("minConstantWords");
    assertThatThrownBy(() -> TemplateMinerConfig.defaults().withMaxTemplates(0)).hasMessageContaining("maxTemplates");
    assertThatThrownBy(() -> TemplateMinerConfig.defaults().withMaxLineChars(0)).hasMessageContaining("maxLineChars");
  }

  /** A synthetic stream: a few templates with numeric and word variables, in seeded random order. */
  static List<String> stream(long seed, int lines) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] users = {"alice", "bob", "carol", "dave", "erin", "frank"};
    String[] drivers = {"hub", "usbfs", "hid"};
    List<String> out = new ArrayList<>(lines);
    for (int i = 0; i < lines; i++) {
      out.add(switch (random.nextInt(5)) {
        case 0 -> "session opened for user " + users[random.nextInt(users.length)] + " by (uid=" + random.nextInt(100) + ")";
        case 1 -> "usbcore: registered new driver " + drivers[random.nextInt(drivers.length)];
        case 2 -> "Received block blk_" + random.nextLong() + " of size " + random.nextInt(1 << 26);
        case 3 -> "connection from " + random.nextInt(256) + "." + random.nextInt(256) + ".0.1 () at Fri Jun "
            + random.nextInt(1, 29) + " 07:07:00 2005";
        default -> users[random.nextInt(users.length)] + " started job " + users[random.nextInt(users.length)];
      });
    }
    return out;
  }

  @Test
  void aRestoredMinerContinuesBitIdentically() {
    List<String> lines = stream(7, 4_000);
    TemplateMiner straight = miner();
    TemplateMiner first = miner();
    List<TemplateMatch> expected = new ArrayList<>();
    List<TemplateMatch> actual = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      expected.add(straight.add(lines.get(i)));
      if (i < 1_500) {
        actual.add(first.add(lines.get(i)));
      }
    }
    byte[] checkpoint = TemplateMinerStateMapper.toBytes(first.state());
    TemplateMiner restored = TemplateMiner.restore(TemplateMinerConfig.defaults(),
        TemplateMinerStateMapper.fromBytes(checkpoint));
    assertThat(TemplateMinerStateMapper.toBytes(restored.state())).isEqualTo(checkpoint);
    assertThat(restored.merges()).isEqualTo(first.merges());
    for (int i = 1_500; i < lines.size(); i++) {
      actual.add(restored.add(lines.get(i)));
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(restored.templates()).isEqualTo(straight.templates());
    assertThat(TemplateMinerStateMapper.toBytes(restored.state()))
        .isEqualTo(TemplateMinerStateMapper.toBytes(straight.state()));
    assertThat(straight.templates()).extracting(LogTemplate::template)
        .contains("session opened for user <*> by (uid=<*>)", "Received block blk_<*> of size <*>");
  }

  @Test
  void aCorruptCheckpointIsRefused() {
    TemplateMiner miner = miner();
    stream(3, 200).forEach(miner::add);
    byte[] bytes = TemplateMinerStateMapper.toBytes(miner.state());
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    assertThatThrownBy(() -> TemplateMinerStateMapper.fromBytes(truncated)).isInstanceOf(IllegalArgumentException.class);
    bytes[0] = 9;
    assertThatThrownBy(() -> TemplateMinerStateMapper.fromBytes(bytes)).hasMessageContaining("version 9");
  }
}
