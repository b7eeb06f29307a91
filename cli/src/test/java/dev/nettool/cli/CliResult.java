package dev.nettool.cli;

/** What one command line produced: exit code, stdout, stderr. */
public record CliResult(int exitCode, String out, String err) {}
