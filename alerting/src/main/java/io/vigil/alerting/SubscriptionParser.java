package io.vigil.alerting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.ingest.push.FieldError;
import io.vigil.ingest.push.NameText;
import io.vigil.model.Durations;
import io.vigil.model.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validates a subscription document, naming every bad field. Checks syntax only; whether a receiver
 * URL's host is allowed (SSRF) needs DNS and is {@link ReceiverUrlGuard}'s job.
 */
public final class SubscriptionParser {

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,127}");
  static final Pattern SNS_TOPIC_ARN = Pattern.compile("arn:aws[a-z\\-]*:sns:[a-z0-9\\-]+:\\d{12}:[A-Za-z0-9_\\-]{1,256}");
  /** AWS's region names (us-east-1, eu-central-2, us-gov-west-1): the region becomes part of the SNS endpoint's host name. */
  static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  static final Set<String> RECEIVER_TYPES = Set.of("webhook", "slack", "sns", "websocket", "pagerduty", "opsgenie", "msteams", "alertmanager", "email");
  private static final Set<String> TOP_LEVEL = Set.of("name", "match", "receiver", "groupBy", "groupWait", "groupInterval", "repeatInterval", "sendResolved");
  private static final Set<String> MATCH_KEYS = Set.of("service", "namespace", "metric", "minSeverity", "labels");
  private static final long MAX_WAIT_MILLIS = 3_600_000L;
  private static final long MAX_INTERVAL_MILLIS = 86_400_000L;
  private static final long MAX_REPEAT_MILLIS = 30 * 86_400_000L;
  private static final int MAX_RECIPIENTS = 50;
  /** A plain address, no display name: printable, no spaces or angle brackets, one @, a dotted domain. */
  static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
  /** An alertmanager receiver re-posts its firing alerts this often unless told otherwise, and at least every 5 minutes. */
  private static final String ALERTMANAGER_REPEAT = "1m";
  private static final long MAX_ALERTMANAGER_REPEAT_MILLIS = 300_000L;

  /** The result: a subscription, or the reasons there is none. */
  public record Result(Subscription subscription, List<FieldError> errors) {}

  private SubscriptionParser() {}

  public static Result parse(JsonObject json) {
    List<FieldError> errors = new ArrayList<>();
    for (String key : json.fieldNames()) {
      if (!TOP_LEVEL.contains(key)) {
        errors.add(new FieldError(key, "unknown field; allowed: " + String.join(", ", new TreeSet<>(TOP_LEVEL))));
      }
    }
    String name = text(json, "name", errors, true);
    if (name != null && !NAME.matcher(name).matches()) {
      errors.add(new FieldError("name", "must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }

    String service = null;
    String namespace = null;
    String metric = null;
    Severity minSeverity = null;
    TreeMap<String, String> labels = new TreeMap<>();
    Object matchValue = json.getValue("match");
    if (matchValue != null && !(matchValue instanceof JsonObject)) {
      errors.add(new FieldError("match", "must be an object"));
    } else if (matchValue instanceof JsonObject match) {
      for (String key : match.fieldNames()) {
        if (!MATCH_KEYS.contains(key)) {
          errors.add(new FieldError("match." + key, "unknown field; allowed: labels, metric, minSeverity, namespace, service"));
        }
      }
      service = optionalText(match, "service", "match.service", errors);
      namespace = optionalText(match, "namespace", "match.namespace", errors);
      metric = optionalText(match, "metric", "match.metric", errors);
      String severity = optionalText(match, "minSeverity", "match.minSeverity", errors);
      if (severity != null) {
        try {
          minSeverity = Severity.fromWire(severity);
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError("match.minSeverity", "must be one of info, warning, critical"));
        }
      }
      Object labelsValue = match.getValue("labels");
      if (labelsValue != null && !(labelsValue instanceof JsonObject)) {
        errors.add(new FieldError("match.labels", "must be an object of label names to values"));
      } else if (labelsValue instanceof JsonObject labelObject) {
        labelObject.forEach(entry -> {
          String problem = labelProblem(entry.getKey(), entry.getValue());
          if (problem != null) {
            errors.add(new FieldError("match.labels." + entry.getKey(), problem));
          } else {
            labels.put(entry.getKey(), (String) entry.getValue());
          }
        });
      }
    }

    JsonObject receiver = receiver(json.getValue("receiver"), errors);

    List<String> groupBy = new ArrayList<>();
    Object groupByValue = json.getValue("groupBy");
    if (groupByValue != null && !(groupByValue instanceof JsonArray)) {
      errors.add(new FieldError("groupBy", "must be a list of label names"));
    } else if (groupByValue instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        Object label = array.getValue(i);
        if (!(label instanceof String) || ((String) label).isBlank()) {
          errors.add(new FieldError("groupBy[" + i + "]", "must be a non-empty label name"));
        } else if (NameText.problem((String) label) != null) {
          errors.add(new FieldError("groupBy[" + i + "]", NameText.problem((String) label)));
        } else if (!groupBy.contains(label)) {
          groupBy.add((String) label);
        }
      }
    }

    String groupWait = duration(json, "groupWait", "30s", 0, MAX_WAIT_MILLIS, errors);
    String groupInterval = duration(json, "groupInterval", "5m", 1000, MAX_INTERVAL_MILLIS, errors);
    boolean alertmanager = receiver != null && AlertmanagerPayload.RECEIVER_TYPE.equals(receiver.getString("type"));
    String repeatInterval = alertmanager
        ? duration(json, "repeatInterval", ALERTMANAGER_REPEAT, 1000, MAX_ALERTMANAGER_REPEAT_MILLIS, errors)
        : duration(json, "repeatInterval", "4h", 1000, MAX_REPEAT_MILLIS, errors);
    boolean sendResolved = true;
    Object resolvedValue = json.getValue("sendResolved");
    if (resolvedValue != null && !(resolvedValue instanceof Boolean)) {
      errors.add(new FieldError("sendResolved", "must be true or false"));
    } else if (resolvedValue != null) {
      sendResolved = (Boolean) resolvedValue;
    }
    if (!errors.isEmpty()) {
      return new Result(null, List.copyOf(errors));
    }
    return new Result(new Subscription(name, service, namespace, metric, minSeverity, labels, receiver, List.copyOf(groupBy),
        groupWait, groupInterval, repeatInterval, Durations.parseMillis(groupWait), Durations.parseMillis(groupInterval),
        Durations.parseMillis(repeatInterval), sendResolved), List.of());
  }

  /** Why a label matcher entry cannot be used, or null. */
  private static String labelProblem(String name, Object value) {
    if (!(value instanceof String text)) {
      return "must be text";
    }
    String nameProblem = NameText.problem(name);
    return nameProblem != null ? "name " + nameProblem : NameText.problem(text);
  }

  private static JsonObject receiver(Object value, List<FieldError> errors) {
    if (!(value instanceof JsonObject given)) {
      errors.add(new FieldError("receiver", value == null ? "is required" : "must be an object"));
      return null;
    }
    Object type = given.getValue("type");
    if (!(type instanceof String) || !RECEIVER_TYPES.contains(type)) {
      errors.add(new FieldError("receiver.type", "must be one of " + String.join(", ", new TreeSet<>(RECEIVER_TYPES)) + "; was " + type));
      return null;
    }
    JsonObject receiver = new JsonObject().put("type", type);
    Set<String> allowed = switch ((String) type) {
      case "webhook" -> Set.of("type", "url", "secret", NotificationFormat.OPTION);
      case "slack", "msteams", "alertmanager" -> Set.of("type", "url");
      case "pagerduty" -> Set.of("type", "routingKey");
      case "email" -> Set.of("type", "to");
      case "opsgenie" -> Set.of("type", "apiKey");
      case "sns" -> Set.of("type", "topicArn", "region");
      default -> Set.of("type");
    };
    for (String key : given.fieldNames()) {
      if (!allowed.contains(key)) {
        errors.add(new FieldError("receiver." + key, "not a field of a " + type + " receiver; allowed: " + String.join(", ", new TreeSet<>(allowed))));
      }
    }
    if (allowed.contains("url")) {
      String url = optionalText(given, "url", "receiver.url", errors);
      if (url == null) {
        if (given.getValue("url") == null) {
          errors.add(new FieldError("receiver.url", "is required"));
        }
      } else {
        String problem = urlProblem(url);
        if (problem != null) {
          errors.add(new FieldError("receiver.url", problem));
        } else {
          receiver.put("url", url);
        }
      }
    }
    if (allowed.contains("secret")) {
      String secret = optionalText(given, "secret", "receiver.secret", errors);
      if (secret != null && secret.length() > 1024) {
        errors.add(new FieldError("receiver.secret", "must be at most 1024 characters"));
      } else if (secret != null) {
        receiver.put("secret", secret);
      }
    }
    if (allowed.contains(NotificationFormat.OPTION)) {
      Object format = given.getValue(NotificationFormat.OPTION);
      NotificationFormat chosen = format == null ? NotificationFormat.ALERTMANAGER
          : format instanceof String text ? NotificationFormat.fromWire(text) : null;
      if (chosen == null) {
        errors.add(new FieldError("receiver.format", "must be alertmanager (Alertmanager's webhook payload, the default) or vigil, was " + format));
      } else {
        receiver.put(NotificationFormat.OPTION, chosen.wireName());
      }
    }
    for (String credential : List.of("routingKey", "apiKey")) {
      if (allowed.contains(credential)) {
        String key = optionalText(given, credential, "receiver." + credential, errors);
        if (key == null) {
          if (given.getValue(credential) == null) {
            errors.add(new FieldError("receiver." + credential, "is required"));
          }
        } else if (key.length() > 256 || !key.matches("[A-Za-z0-9_\\-]+")) {
          errors.add(new FieldError("receiver." + credential, "must be 1 to 256 letters, digits, '_' or '-'"));
        } else {
          receiver.put(credential, key);
        }
      }
    }
    if ("email".equals(type)) {
      Object to = given.getValue("to");
      if (!(to instanceof JsonArray addresses) || addresses.isEmpty() || addresses.size() > MAX_RECIPIENTS) {
        errors.add(new FieldError("receiver.to", "must be a list of 1 to " + MAX_RECIPIENTS + " e-mail addresses"));
      } else {
        for (int i = 0; i < addresses.size(); i++) {
          Object address = addresses.getValue(i);
          if (!(address instanceof String text) || !EMAIL.matcher(text).matches()) {
            errors.add(new FieldError("receiver.to[" + i + "]", "must be an e-mail address such as oncall@example.com"));
          }
        }
        receiver.put("to", addresses.copy());
      }
    }
    if ("sns".equals(type)) {
      String arn = optionalText(given, "topicArn", "receiver.topicArn", errors);
      if (arn == null || !SNS_TOPIC_ARN.matcher(arn).matches()) {
        errors.add(new FieldError("receiver.topicArn", "must be an SNS topic ARN, e.g. arn:aws:sns:us-east-1:123456789012:alerts"));
      } else {
        receiver.put("topicArn", arn);
        String region = optionalText(given, "region", "receiver.region", errors);
        String effective = region != null ? region : arn.split(":")[3];
        if (AWS_REGION.matcher(effective).matches()) {
          receiver.put("region", effective);
        } else if (region != null) {
          errors.add(new FieldError("receiver.region", "must be an AWS region such as us-east-1, was " + region));
        } else if (given.getValue("region") == null) {
          errors.add(new FieldError("receiver.topicArn", "must name an AWS region such as us-east-1, was " + effective));
        }
      }
    }
    return receiver;
  }

  /** Why {@code url} cannot be a receiver URL, or null if it can. */
  static String urlProblem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "malformed URL: " + e.getReason();
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      return "must be an http or https URL";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "must name a host";
    }
    if (uri.getUserInfo() != null) {
      return "must not carry user information";
    }
    return null;
  }

  private static String text(JsonObject json, String key, List<FieldError> errors, boolean required) {
    Object value = json.getValue(key);
    if (value == null) {
      if (required) {
        errors.add(new FieldError(key, "is required"));
      }
      return null;
    }
    if (!(value instanceof String) || ((String) value).isBlank()) {
      errors.add(new FieldError(key, "must be non-empty text"));
      return null;
    }
    return (String) value;
  }

  private static String optionalText(JsonObject json, String key, String field, List<FieldError> errors) {
    Object value = json.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String) || ((String) value).isBlank()) {
      errors.add(new FieldError(field, "must be non-empty text"));
      return null;
    }
    String problem = NameText.problem((String) value);
    if (problem != null) {
      errors.add(new FieldError(field, problem));
      return null;
    }
    return (String) value;
  }

  private static String duration(JsonObject json, String key, String fallback, long minMillis, long maxMillis, List<FieldError> errors) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    long millis = value instanceof String ? Durations.parseMillis((String) value) : -1;
    if (millis < 0) {
      errors.add(new FieldError(key, "must be a duration such as 30s, 5m or 4h, was " + value));
      return null;
    }
    if (millis < minMillis || millis > maxMillis) {
      errors.add(new FieldError(key, "must be from " + minMillis + "ms to " + maxMillis / 1000 + "s, was " + value));
      return null;
    }
    return (String) value;
  }
}
