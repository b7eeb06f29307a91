/** The TCP commands: {@code tcp-echo}, {@code tcp-server}, {@code tcp-client}. */
package dev.nettool.cli.tcp;
