package dev.nettool.clients.http;

import dev.nettool.protocols.expect.Expectation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the final response must satisfy ({@code --expect-status}, {@code --expect-body},
 * {@code --expect-body-regex}, {@code --expect-header}). Body expectations are watched as the body streams
 * past, so a download is checked without being held in memory.
 *
 * @param statuses the status must match one of these; empty for any
 * @param bodyText the body must contain this, or {@code null}
 * @param bodyRegex the body must match this regular expression somewhere, or {@code null}
 * @param headers {@code Name: value} (a header whose value contains {@code value}) or {@code Name} (present)
 */
public record HttpExpectations(List<HttpStatusPattern> statuses, String bodyText, String bodyRegex,
    List<String> headers) {

  public static final HttpExpectations NONE = new HttpExpectations(List.of(), null, null, List.of());

  public HttpExpectations {
    statuses = List.copyOf(statuses);
    headers = List.copyOf(headers);
    for (String h : headers) {
      if (name(h).isEmpty()) {
        throw new IllegalArgumentException("'" + h + "' names no header (expected 'Name: value' or 'Name')");
      }
    }
    if (bodyRegex != null) {
      Expectation.regex(bodyRegex); // fails now, with the reason, rather than after the request
    }
  }

  /** Fresh watchers for one body (they hold state): the literal first, then the regex. */
  List<Expectation> bodyWatchers() {
    List<Expectation> w = new ArrayList<>(2);
    if (bodyText != null) {
      w.add(Expectation.literal(bodyText));
    }
    if (bodyRegex != null) {
      w.add(Expectation.regex(bodyRegex));
    }
    return w;
  }

  /** What the response failed, one phrase each; empty when all is well. */
  public List<String> failures(HttpClientResult r) {
    List<String> out = new ArrayList<>();
    if (!statuses.isEmpty() && statuses.stream().noneMatch(s -> s.matches(r.status()))) {
      out.add("status " + r.status() + ", expected " + statuses.stream().map(HttpStatusPattern::toString)
          .collect(Collectors.joining(" or ")));
    }
    for (String unmet : r.unmetBody()) {
      out.add("body does not contain " + unmet);
    }
    for (String h : headers) {
      String want = value(h);
      List<String> got = r.headerValues(name(h));
      if (got.isEmpty()) {
        out.add("no header " + name(h));
      } else if (want != null && got.stream().noneMatch(v -> v.contains(want))) {
        out.add("header " + name(h) + " is '" + String.join(", ", got) + "', expected it to contain '" + want + "'");
      }
    }
    return out;
  }

  /** Whether status expectations were given: they replace {@code --fail}'s idea of a failed status. */
  public boolean hasStatus() {
    return !statuses.isEmpty();
  }

  private static String name(String h) {
    int colon = h.indexOf(':');
    return (colon < 0 ? h : h.substring(0, colon)).trim();
  }

  private static String value(String h) {
    int colon = h.indexOf(':');
    return colon < 0 ? null : h.substring(colon + 1).trim();
  }
}
