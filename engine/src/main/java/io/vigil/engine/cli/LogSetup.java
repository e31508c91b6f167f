package io.vigil.engine.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.vigil.config.LogConfig;
import java.net.URL;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Chooses where Vigil's log goes and in which shape: {@code logback.xml} writes text lines,
 * {@code logback-json.xml} JSON lines; both read the system property {@value #TARGET_PROPERTY}.
 */
final class LogSetup {

  static final String TARGET_PROPERTY = "vigil.log.target";
  private static final String CONFIGURATION_PROPERTY = "logback.configurationFile";
  private static final Map<LogConfig.Format, String> FILES = Map.of(
      LogConfig.Format.TEXT, "logback.xml",
      LogConfig.Format.JSON, "logback-json.xml");

  private static LogConfig.Format current = LogConfig.Format.TEXT;

  private LogSetup() {}

  /**
   * Called first thing in {@code main}, before anything logs: report commands log to stderr; the
   * format starts from {@code VIGIL_LOG_FORMAT} (validated later with the rest of the configuration).
   */
  static void early(boolean reportCommand, String formatFromEnvironment) {
    if (reportCommand) {
      System.setProperty(TARGET_PROPERTY, "System.err");
    }
    if (formatFromEnvironment != null && formatFromEnvironment.trim().equalsIgnoreCase("json")) {
      current = LogConfig.Format.JSON;
      System.setProperty(CONFIGURATION_PROPERTY, FILES.get(current));
    }
  }

  /** Switches to the configured format if it is not the one logging runs with. */
  static void apply(LogConfig.Format format) {
    if (format == current) {
      return;
    }
    current = format;
    URL file = LogSetup.class.getClassLoader().getResource(FILES.get(format));
    if (file == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(file);
    } catch (JoranException e) {
      throw new IllegalStateException("logging configuration " + file + " is unreadable", e);
    }
  }
}
