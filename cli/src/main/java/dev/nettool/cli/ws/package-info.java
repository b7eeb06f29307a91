/** The WebSocket commands: {@code ws-server} and {@code ws-client}. */
package dev.nettool.cli.ws;
