/** The {@code http-server} command and the option groups that build its config. */
package dev.nettool.cli.http;
