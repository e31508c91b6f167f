package io.vigil.web;

import java.util.List;

/** A page of series in id order, and the cursor of the next page (null when this is the last). */
public record SeriesPage(List<SeriesSummary> series, String nextCursor) {

  public SeriesPage {
    series = List.copyOf(series);
  }
}
