package dev.nettool.servers.http;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server-side sessions of {@code /session}: a visit count per session id, forgotten {@code ttl} after
 * the last visit. Bounded: past {@code capacity} sessions the least recently visited is dropped. One per
 * server; the connections' event loops share it, hence the lock.
 */
final class HttpSessionStore {
  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Entry> sessions;

  /** What a visit found: the session's id, how many visits it has had, and whether it began now. */
  record Visit(String id, long visits, boolean fresh) {}

  private record Entry(long visits, Instant lastSeen) {}

  HttpSessionStore(Clock clock, Duration ttl, int capacity) {
    this.clock = clock;
    this.ttl = ttl;
    // Access order makes the eldest entry the least recently visited one.
    this.sessions = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Counts a visit to session {@code id}; an unknown or expired id (or null) starts a new session. */
  synchronized Visit visit(String id) {
    Instant now = clock.instant();
    Entry e = id == null ? null : sessions.get(id);
    if (e != null && !now.isAfter(e.lastSeen().plus(ttl))) {
      sessions.put(id, new Entry(e.visits() + 1, now));
      return new Visit(id, e.visits() + 1, false);
    }
    if (e != null) {
      sessions.remove(id);
    }
    String fresh = newId();
    sessions.put(fresh, new Entry(1, now));
    return new Visit(fresh, 1, true);
  }

  /** Ends session {@code id}; whether it was there (and alive). */
  synchronized boolean end(String id) {
    Entry e = sessions.remove(id);
    return e != null && !clock.instant().isAfter(e.lastSeen().plus(ttl));
  }

  synchronized int size() {
    return sessions.size();
  }

  Duration ttl() {
    return ttl;
  }

  private String newId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
