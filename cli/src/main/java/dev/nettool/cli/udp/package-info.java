/** The UDP commands: {@code udp-server}, {@code udp-echo}, {@code udp-client}. */
package dev.nettool.cli.udp;
