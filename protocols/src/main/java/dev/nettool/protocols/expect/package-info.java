/** Expectations on what a client receives: {@code --expect TEXT} and {@code --expect-regex RE}. */
package dev.nettool.protocols.expect;
