package io.vigil.web;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * One page of a listing whose items carry an {@code id}: at most {@code limit} items after the
 * one whose id is the cursor, and the cursor of the next page (null on the last).
 */
public record ListPage(List<JsonObject> items, String nextCursor) {

  /**
   * The page of {@code listing} after {@code cursor} (empty: from the start); empty when the cursor
   * is not the id of an item of the listing (it changed since, or never was one).
   */
  public static Optional<ListPage> after(List<JsonObject> listing, String cursor, int limit) {
    int start = 0;
    if (!cursor.isEmpty()) {
      start = -1;
      for (int i = 0; i < listing.size(); i++) {
        if (cursor.equals(listing.get(i).getString("id"))) {
          start = i + 1;
          break;
        }
      }
      if (start < 0) {
        return Optional.empty();
      }
    }
    int end = Math.min(listing.size(), start + limit);
    return Optional.of(new ListPage(listing.subList(start, end), end < listing.size() ? listing.get(end - 1).getString("id") : null));
  }
}
