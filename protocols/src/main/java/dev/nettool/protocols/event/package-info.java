/**
 * The event model: immutable {@link dev.nettool.protocols.event.Event} records named as in Node
 * ({@code listening}, {@code connection}, {@code data}, {@code end}, {@code close}, ...), the sink
 * that handlers publish to, and the text and JSON printers the CLI renders them with.
 */
package dev.nettool.protocols.event;
