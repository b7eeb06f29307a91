/** The WebSocket commands: {@code ws-server}, and {@code ws-client} with its pipe and interactive console. */
package dev.nettool.cli.ws;
