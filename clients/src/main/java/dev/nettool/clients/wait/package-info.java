/**
 * Waiting for targets to accept connections, as wait-for-it does: {@link
 * dev.nettool.clients.wait.WaitForConfig} → {@link dev.nettool.clients.wait.WaitFor}, which probes
 * every TCP or Unix socket target (and every HTTP target, with a GET) in parallel until each is up or the
 * deadline passes, publishing
 * {@code wait} and {@code ready} events.
 */
package dev.nettool.clients.wait;
