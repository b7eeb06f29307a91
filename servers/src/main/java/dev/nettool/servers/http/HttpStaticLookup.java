package dev.nettool.servers.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * One mount's file system side, run on the static files executor, never on an event loop: resolves
 * checked segments below the root, refuses what leads outside it, and makes the answer (a file, a
 * directory's {@code index.html}, a listing, a redirect to the slash form, or an error).
 *
 * <p>Every path is compared by its real path against the root's real path, so a symlink leading out of
 * the root is 404 unless {@code followSymlinks}. A directory without {@code index.html} is 403 when
 * listings are off (as nginx does), so it reads differently from a missing one.
 */
final class HttpStaticLookup {
  private static final String INDEX = "index.html";

  private final String prefix;
  private final Path root;
  private final HttpServerConfig config;

  /** {@code prefix} without a trailing slash ("" for the root mount); resolves the root's real path now. */
  HttpStaticLookup(String prefix, Path dir, HttpServerConfig config) {
    this.prefix = prefix;
    this.config = config;
    try {
      this.root = dir.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve " + dir, e);
    }
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("not a directory: " + dir);
    }
  }

  HttpStaticAnswer answer(HttpStaticRequest req, HttpStaticPath.Segments path, boolean chunked) {
    Path target = root;
    for (String name : path.names()) {
      target = target.resolve(name);
    }
    try {
      Path real = inside(target);
      if (real == null) {
        return notFound();
      }
      BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
      if (attrs.isDirectory()) {
        return directory(req, path, real, chunked);
      }
      if (!attrs.isRegularFile() || path.trailingSlash()) {
        return notFound();
      }
      return file(req, real, target.getFileName().toString(), attrs, chunked);
    } catch (NoSuchFileException e) {
      return notFound();
    } catch (AccessDeniedException e) {
      return HttpStaticAnswer.text(HttpResponseStatus.FORBIDDEN, "permission denied");
    } catch (IOException e) {
      return notFound();
    }
  }

  private HttpStaticAnswer directory(HttpStaticRequest req, HttpStaticPath.Segments path, Path dir,
      boolean chunked) throws IOException {
    if (!path.trailingSlash()) {
      String query = req.rawQuery().isEmpty() ? "" : "?" + req.rawQuery();
      return HttpStaticAnswer.redirect(urlOf(path.names()) + query);
    }
    Path index = insideOrNull(dir.resolve(INDEX));
    if (index != null && Files.isRegularFile(index)) {
      return file(req, index, INDEX, Files.readAttributes(index, BasicFileAttributes.class), chunked);
    }
    if (!config.listDirectories()) {
      return HttpStaticAnswer.text(HttpResponseStatus.FORBIDDEN, "directory listing is off (--list turns it on)");
    }
    String html = HttpDirectoryListing.render(urlOf(path.names()), path.names().isEmpty() && prefix.isEmpty(),
        entries(dir));
    return HttpStaticAnswer.html(HttpResponseStatus.OK, "text/html; charset=utf-8", html);
  }

  private HttpStaticAnswer file(HttpStaticRequest req, Path file, String name, BasicFileAttributes attrs,
      boolean chunked) throws IOException {
    return HttpStaticFileAnswer.of(req, file, name, attrs.size(), attrs.lastModifiedTime().toMillis(),
        config, chunked);
  }

  /** The entries that would be served: no hidden names, no broken links, no links out of the root. */
  private List<HttpDirectoryListing.Entry> entries(Path dir) throws IOException {
    List<HttpDirectoryListing.Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        Path real = name.startsWith(".") ? null : insideOrNull(p);
        if (real != null) {
          BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
          entries.add(new HttpDirectoryListing.Entry(name, a.isDirectory(), a.size(), a.lastModifiedTime().toInstant()));
        }
      }
    }
    return entries;
  }

  private Path insideOrNull(Path p) {
    try {
      return inside(p);
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code p}'s real path when it may be served, null when a symlink leads out of the root. */
  private Path inside(Path p) throws IOException {
    Path real = p.toRealPath();
    return config.followSymlinks() || real.startsWith(root) ? real : null;
  }

  /** The encoded URL path of a directory, with its slash. */
  private String urlOf(List<String> names) {
    StringBuilder url = new StringBuilder(prefix).append('/');
    for (String name : names) {
      url.append(HttpDirectoryListing.percentEncode(name)).append('/');
    }
    return url.toString();
  }

  private static HttpStaticAnswer notFound() {
    return HttpStaticAnswer.text(HttpResponseStatus.NOT_FOUND, "not found");
  }
}
