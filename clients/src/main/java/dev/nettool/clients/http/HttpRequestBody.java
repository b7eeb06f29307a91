package dev.nettool.clients.http;

import java.nio.file.Path;
import java.util.List;

/** What a request sends after its head. Files are read when sent, streamed, never held whole. */
public sealed interface HttpRequestBody
    permits HttpRequestBody.Empty, HttpRequestBody.Bytes, HttpRequestBody.FileData, HttpRequestBody.Multipart {

  /** The {@code Content-Type} this body brings, or {@code null}. */
  String contentType();

  /** No body. */
  record Empty() implements HttpRequestBody {
    @Override
    public String contentType() {
      return null;
    }
  }

  /** Bytes given on the command line ({@code -d}, {@code --json}) or read from a small file ({@code -d @f}). */
  record Bytes(byte[] data, String contentType) implements HttpRequestBody {
    public Bytes {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }
  }

  /** A file sent as it is ({@code --data-binary @file}), streamed from disk. */
  record FileData(Path file, String contentType) implements HttpRequestBody {}

  /** A {@code multipart/form-data} form ({@code -F}); file parts are streamed from disk. */
  record Multipart(List<Part> parts) implements HttpRequestBody {
    public Multipart {
      parts = List.copyOf(parts);
    }

    @Override
    public String contentType() {
      return null; // the encoder sets it, with the boundary
    }
  }

  /**
   * One form field: a value, or a file (with its content type, {@code null} to guess from the name).
   *
   * @param name the field name
   * @param value the value, or {@code null} for a file
   * @param file the file to upload, or {@code null} for a value
   * @param contentType the file's content type, or {@code null}
   */
  record Part(String name, String value, Path file, String contentType) {
    public static Part value(String name, String value) {
      return new Part(name, value, null, null);
    }

    public static Part file(String name, Path file, String contentType) {
      return new Part(name, null, file, contentType);
    }
  }

  static HttpRequestBody empty() {
    return new Empty();
  }
}
