/** The {@code ws-client} command: its options, the pipe and the interactive console. */
package dev.nettool.cli.ws;
