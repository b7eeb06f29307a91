package dev.nettool.servers.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The collection behind {@code /items}: JSON objects under increasing ids, at most {@code capacity} of
 * them. Items are immutable maps (a change makes a new one), so one read under the lock can be
 * serialized after it. One per server, shared by the event loops of its connections.
 */
final class HttpItemStore {
  private final int capacity;
  private final TreeMap<Long, Map<String, Object>> items = new TreeMap<>();
  private long lastId;

  HttpItemStore(int capacity) {
    this.capacity = capacity;
  }

  synchronized List<Map<String, Object>> list() {
    return List.copyOf(items.values());
  }

  synchronized Optional<Map<String, Object>> get(long id) {
    return Optional.ofNullable(items.get(id));
  }

  /** Stores {@code fields} under the next id; empty when the collection is full. */
  synchronized Optional<Map<String, Object>> create(Map<String, Object> fields) {
    if (items.size() >= capacity) {
      return Optional.empty();
    }
    long id = ++lastId;
    Map<String, Object> item = item(id, fields);
    items.put(id, item);
    return Optional.of(item);
  }

  /** Replaces item {@code id} by {@code fields}; empty when there is no such item. */
  synchronized Optional<Map<String, Object>> replace(long id, Map<String, Object> fields) {
    if (!items.containsKey(id)) {
      return Optional.empty();
    }
    Map<String, Object> item = item(id, fields);
    items.put(id, item);
    return Optional.of(item);
  }

  /** Sets the top-level {@code fields} on item {@code id}, keeping the others; empty when there is none. */
  synchronized Optional<Map<String, Object>> merge(long id, Map<String, Object> fields) {
    Map<String, Object> old = items.get(id);
    if (old == null) {
      return Optional.empty();
    }
    Map<String, Object> merged = new LinkedHashMap<>(old);
    merged.putAll(fields);
    Map<String, Object> item = item(id, merged);
    items.put(id, item);
    return Optional.of(item);
  }

  synchronized boolean delete(long id) {
    return items.remove(id) != null;
  }

  // The id is the store's, whatever the client put under "id"; it comes first in the JSON.
  private static Map<String, Object> item(long id, Map<String, Object> fields) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", id);
    fields.forEach((k, v) -> {
      if (!k.equals("id")) {
        item.put(k, v);
      }
    });
    return Collections.unmodifiableMap(item);
  }

  synchronized int size() {
    return items.size();
  }
}
