package io.vigil.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.ingest.push.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Answers a request no route took: 405 with an {@code Allow} header when its path is a known one
 * (so {@code PUT /api/v1/metrics} is told to use POST), else 404. Built from the router's routes once
 * they are all mounted, so every extension's paths are known too.
 */
final class AllowedMethods {

  private final Map<Pattern, Set<String>> methodsByPath = new LinkedHashMap<>();

  AllowedMethods(Router router) {
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      Set<HttpMethod> methods = route.methods();
      if (path == null || path.endsWith("/") || methods == null || methods.isEmpty()) {
        continue; // prefix routes and routes for every method are not operations
      }
      methodsByPath.computeIfAbsent(pattern(path), ignored -> new TreeSet<>())
          .addAll(methods.stream().map(HttpMethod::name).toList());
    }
  }

  /** The methods routed for {@code path}, in name order; empty for an unknown path. */
  List<String> allowed(String path) {
    Set<String> allowed = new TreeSet<>();
    methodsByPath.forEach((pattern, methods) -> {
      if (pattern.matcher(path).matches()) {
        allowed.addAll(methods);
      }
    });
    return List.copyOf(allowed);
  }

  void handle(RoutingContext context) {
    String path = context.request().path();
    List<String> allowed = allowed(path);
    if (allowed.isEmpty()) {
      ErrorResponses.send(context, 404, "no such endpoint: " + context.request().method() + " " + path);
      return;
    }
    String list = String.join(", ", allowed);
    context.response().putHeader("Allow", list);
    ErrorResponses.send(context, 405, "method " + context.request().method() + " not allowed on " + path,
        List.of(new FieldError("method", "must be one of " + list)));
  }

  /** {@code /api/v1/series/:id/points} as a pattern where each {@code :param} is one path segment. */
  private static Pattern pattern(String path) {
    String regex = Pattern.compile("/").splitAsStream(path)
        .map(segment -> segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment))
        .collect(Collectors.joining("/"));
    return Pattern.compile(regex);
  }
}
