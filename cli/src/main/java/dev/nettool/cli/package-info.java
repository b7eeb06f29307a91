/** The nettool command line: {@link dev.nettool.cli.Main}, the one factory that wires picocli, and shared plumbing. */
package dev.nettool.cli;
