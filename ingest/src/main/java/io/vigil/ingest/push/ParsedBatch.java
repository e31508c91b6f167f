package io.vigil.ingest.push;

import java.util.List;

/**
 * The outcome of parsing one pushed batch: either every item, or the errors. A batch with any error
 * is refused whole, so a request is never half written.
 */
public record ParsedBatch<T>(List<T> items, List<FieldError> errors) {

  public ParsedBatch {
    items = List.copyOf(items);
    errors = List.copyOf(errors);
  }

  public boolean valid() {
    return errors.isEmpty();
  }
}
