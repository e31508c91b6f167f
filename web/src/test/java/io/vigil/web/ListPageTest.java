package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Pages of an id-ordered listing: from the start, after a cursor, the last page, and a cursor that is not in it. */
class ListPageTest {

  private static final List<JsonObject> LISTING = IntStream.range(0, 5).mapToObj(i -> new JsonObject().put("id", "d-" + i)).toList();

  @Test
  void pagesFollowTheirCursorsToTheEndAndAnUnknownCursorIsNoPage() {
    ListPage first = ListPage.after(LISTING, "", 2).orElseThrow();
    assertThat(first.items()).extracting(item -> item.getString("id")).containsExactly("d-0", "d-1");
    assertThat(first.nextCursor()).isEqualTo("d-1");
    ListPage second = ListPage.after(LISTING, first.nextCursor(), 2).orElseThrow();
    assertThat(second.items()).extracting(item -> item.getString("id")).containsExactly("d-2", "d-3");
    ListPage last = ListPage.after(LISTING, second.nextCursor(), 2).orElseThrow();
    assertThat(last.items()).extracting(item -> item.getString("id")).containsExactly("d-4");
    assertThat(last.nextCursor()).isNull();
    assertThat(ListPage.after(LISTING, "d-9", 2)).isEmpty();
    assertThat(ListPage.after(List.of(), "", 2).orElseThrow().items()).isEmpty();
  }
}
