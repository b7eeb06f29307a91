package dev.nettool.servers.http;

import java.nio.file.Path;

/** A directory served under a URL prefix ({@code --dir DIR} is {@code /=DIR}, {@code --mount /p=DIR}). */
public record HttpMount(String prefix, Path dir) {}
